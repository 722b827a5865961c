using ComposeGen.Analysis.Practices;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4001: a stateful image whose data directory is on no named volume or bind mount.</summary>
public class StatefulWithoutVolumeRuleTests
{
    private static readonly StatefulWithoutVolumeRule Rule = new();

    [Fact]
    public void Postgres_without_a_volume_is_reported_on_the_image()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: ${PG_PASSWORD:-dev}
            """, 3, 12);
        Assert.Equal(ComposeGen.Parsing.ProblemSeverity.Warning, problem.Severity);
        Assert.Equal(
            "service 'db' runs stateful image 'postgres:16' without a volume on its data directory /var/lib/postgresql/data: "
            + "the data is lost when the container is removed; mount a named volume there (e.g. 'db-data:/var/lib/postgresql/data')",
            problem.Message);
    }

    [Theory]
    [InlineData("postgres:16", "db-data:/var/lib/postgresql/data")]
    [InlineData("postgres:16", "db-data:/var/lib/postgresql")]          // a parent of the data directory
    [InlineData("postgres:16", "./pgdata:/var/lib/postgresql/data")]    // a bind mount keeps the data too (CG4002's business)
    [InlineData("postgres", "db-data:/var/lib/postgresql/data")]        // untagged: the classic location is accepted
    [InlineData("postgres:18-alpine", "db-data:/var/lib/postgresql")]
    [InlineData("docker.io/library/postgres:16@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "db-data:/var/lib/postgresql/data/")]
    [InlineData("mysql:8.4", "db-data:/var/lib/mysql")]
    [InlineData("mariadb:11", "db-data:/var/lib/mysql")]
    [InlineData("mcr.microsoft.com/mssql/server:2022-latest", "db-data:/var/opt/mssql")]
    [InlineData("mongo:7", "db-data:/data/db")]
    [InlineData("mongo:7", "db-data:/data")]
    [InlineData("redis:7", "db-data:/data")]
    [InlineData("valkey/valkey:8", "db-data:/data")]
    [InlineData("rabbitmq:3-management", "db-data:/var/lib/rabbitmq")]
    [InlineData("confluentinc/cp-kafka:7.6.0", "db-data:/var/lib/kafka/data")]
    [InlineData("apache/kafka:3.8.0", "db-data:/var/lib/kafka/data")]
    [InlineData("apache/kafka:3.8.0", "db-data:/tmp/kraft-combined-logs")] // where its stock server.properties logs
    [InlineData("bitnami/kafka:3.7", "db-data:/bitnami/kafka")]
    [InlineData("docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "db-data:/usr/share/elasticsearch/data")]
    [InlineData("opensearchproject/opensearch:2", "db-data:/usr/share/opensearch/data")]
    [InlineData("mcr.microsoft.com/azure-storage/azurite:3.31.0", "db-data:/data")]
    [InlineData("datalust/seq:2024.3", "db-data:/data")]
    [InlineData("bitnami/redis:7.2", "db-data:/bitnami/redis/data")]
    public void A_volume_on_the_data_directory_or_a_parent_is_enough(string image, string volume)
        => Practice.Silent(Rule, $"services:\n  db:\n    image: {image}\n    volumes:\n      - {volume}\nvolumes:\n  db-data: {{}}\n");

    [Fact]
    public void The_long_volume_syntax_counts()
        => Practice.Silent(Rule, """
            services:
              search:
                image: elasticsearch:8.15.0
                volumes:
                  - type: volume
                    source: es-data
                    target: /usr/share/elasticsearch/data
            volumes:
              es-data: {}
            """);

    [Theory]
    [InlineData("memcached:1.6")]
    [InlineData("nats:2.10")]                 // core NATS keeps nothing
    [InlineData("minio/minio:latest")]        // no "server": it prints its help and exits
    [InlineData("microsoft/garnet")]          // no checkpointing or AOF configured
    [InlineData("nginx:1.27")]
    public void Images_that_keep_nothing_on_disk_are_left_alone(string image)
        => Practice.Silent(Rule, $"services:\n  svc:\n    image: {image}\n");

    [Fact]
    public void A_service_that_takes_volumes_from_another_container_is_left_alone()
        => Practice.Silent(Rule, """
            services:
              data:
                image: busybox:1.36
                volumes: [db-data:/var/lib/postgresql/data]
              db:
                image: postgres:16
                volumes_from: [data]
            volumes:
              db-data: {}
            """);

    [Fact]
    public void A_service_that_only_builds_is_left_alone()
        => Practice.Silent(Rule, "services:\n  db:\n    build: ./db\n");

    [Fact]
    public void Tmpfs_on_the_data_directory_still_loses_the_data_and_says_so()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                tmpfs:
                  - /var/lib/postgresql/data:size=512m
            """, 3, 12);
        Assert.Equal(
            "service 'db' runs stateful image 'postgres:16' with its data directory /var/lib/postgresql/data on tmpfs: the data lives in memory and is lost whenever the container stops; "
            + "mount a named volume there (e.g. 'db-data:/var/lib/postgresql/data') unless a throwaway database is what you want",
            problem.Message);
    }

    [Fact]
    public void The_deepest_mount_decides_a_tmpfs_under_a_volume_loses_the_data()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                volumes:
                  - db-data:/var/lib/postgresql
                  - type: tmpfs
                    target: /var/lib/postgresql/data
            volumes:
              db-data: {}
            """, 3, 12);
        Assert.Contains("on tmpfs", problem.Message);
    }

    [Fact]
    public void An_anonymous_volume_is_no_better_than_none()
    {
        var problem = Practice.Single(Rule, "services:\n  db:\n    image: mysql:8.4\n    volumes:\n      - /var/lib/mysql\n", 3, 12);
        Assert.Equal(
            "service 'db' runs stateful image 'mysql:8.4' with its data directory /var/lib/mysql on an anonymous volume: the next container gets a new, empty one, "
            + "so the data is lost when the container is removed; mount a named volume there (e.g. 'db-data:/var/lib/mysql')",
            problem.Message);
    }

    [Fact]
    public void Pgdata_moves_the_data_directory()
    {
        Practice.Silent(Rule, """
            services:
              db:
                image: postgres:16
                environment:
                  PGDATA: /var/lib/postgresql/data/pgdata
                volumes: [db-data:/var/lib/postgresql/data]
            volumes:
              db-data: {}
            """);
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                environment:
                  - PGDATA=/pgdata
                volumes: [db-data:/var/lib/postgresql/data]
            volumes:
              db-data: {}
            """, 3, 12);
        Assert.Contains("without a volume on its data directory /pgdata (PGDATA)", problem.Message);
    }

    [Theory]
    [InlineData("postgres:18")]
    [InlineData("postgres:18.1-alpine")]
    [InlineData("pgvector/pgvector:pg18")]
    public void Postgres_18_no_longer_keeps_its_data_in_var_lib_postgresql_data(string image)
    {
        var problem = Practice.Single(Rule, $"services:\n  db:\n    image: {image}\n    volumes: [db-data:/var/lib/postgresql/data]\nvolumes:\n  db-data: {{}}\n", 3, 12);
        Assert.Equal(
            $"service 'db' runs stateful image '{image}' without a volume on its data directory /var/lib/postgresql/18/docker (PGDATA of postgres 18): the data is lost when the container is removed; "
            + "mount a named volume there (e.g. 'db-data:/var/lib/postgresql'); postgres 18 and later no longer keep their data in /var/lib/postgresql/data, so a volume there does not hold it",
            problem.Message);
    }

    /// <summary>
    /// Decision: redis with persistence turned off (<c>--save ""</c> and no <c>--appendonly yes</c>) is a cache
    /// by choice: there is nothing to lose, so no warning. With the AOF on, it persists again.
    /// </summary>
    [Theory]
    [InlineData("command: redis-server --save \"\"")]
    [InlineData("command: redis-server --save '' --appendonly no")]
    [InlineData("command: [\"redis-server\", \"--save\", \"\"]")]
    [InlineData("command: [\"sh\", \"-c\", \"redis-server --save ''\"]")]
    [InlineData("environment: {REDIS_ARGS: \"--save ''\"}")]
    public void Redis_with_persistence_turned_off_is_a_cache_by_choice(string setting)
        => Practice.Silent(Rule, $"services:\n  cache:\n    image: redis:7\n    {setting}\n");

    [Fact]
    public void Redis_with_the_append_only_file_on_persists_again()
        => Practice.Single(Rule, "services:\n  cache:\n    image: redis:7\n    command: redis-server --save \"\" --appendonly yes\n", 3, 12);

    [Fact]
    public void Redis_dir_moves_the_data_directory()
    {
        var problem = Practice.Single(Rule, """
            services:
              cache:
                image: redis:7-alpine
                command: ["redis-server", "--dir", "/var/redis"]
                volumes: [cache:/data]
            volumes:
              cache: {}
            """, 3, 12);
        Assert.Contains("its data directory /var/redis (--dir in command)", problem.Message);
    }

    [Fact]
    public void Minio_keeps_its_data_where_the_command_says()
    {
        var problem = Practice.Single(Rule, "services:\n  s3:\n    image: quay.io/minio/minio:RELEASE.2024-10-02T17-50-41Z\n    command: server /data --console-address \":9001\"\n", 3, 12);
        Assert.Contains("its data directory /data (the data directory in command)", problem.Message);
        Practice.Silent(Rule, "services:\n  s3:\n    image: minio/minio\n    command: server --console-address :9001 /export\n    volumes: [\"./export:/export\"]\n");
    }

    [Fact]
    public void Nats_is_stateful_only_with_jetstream()
    {
        var problem = Practice.Single(Rule, "services:\n  nats:\n    image: nats:2.10\n    command: -js\n", 3, 12);
        Assert.Contains("its data directory /tmp/nats/jetstream (JetStream's default store directory)", problem.Message);
        Practice.Silent(Rule, "services:\n  nats:\n    image: nats:2.10\n    command: [\"-js\", \"--store_dir\", \"/data\"]\n    volumes: [nats:/data]\nvolumes:\n  nats: {}\n");
    }

    [Fact]
    public void Kafka_log_dirs_move_the_data_directory()
    {
        var problem = Practice.Single(Rule, """
            services:
              kafka:
                image: confluentinc/cp-kafka:7.6.0
                environment:
                  KAFKA_LOG_DIRS: /kafka/logs
                volumes: [kafka:/var/lib/kafka/data]
            volumes:
              kafka: {}
            """, 3, 12);
        Assert.Contains("its data directory /kafka/logs (KAFKA_LOG_DIRS)", problem.Message);
    }

    [Fact]
    public void Findings_point_at_the_file_that_writes_the_image()
    {
        var project = ComposeGen.Tests.Support.TestCompose.Load(
            "services:\n  db:\n    image: mongo:7\n",
            null,
            ("/app/compose.override.yaml", "services:\n  db:\n    environment:\n      MONGO_INITDB_DATABASE: shop\n")).Project;
        var problem = Assert.Single(Rule.Check(project));
        Assert.Equal((ComposeGen.Tests.Support.TestCompose.MainFile, 3, 12), (problem.Span.Path, problem.Span.StartLine, problem.Span.StartColumn));
        Assert.Contains("its data directory /data/db", problem.Message);
    }
}
