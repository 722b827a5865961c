using ComposeGen.Analysis.Practices;
using ComposeGen.Emit;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>The data directories of the images ComposeGen knows, whatever the registry, tag or digest.</summary>
public class StatefulImagesTests
{
    private static DataService? Find(string image, string extra = "")
        => StatefulImages.Find(TestCompose.Load($"services:\n  svc:\n    image: {image}\n{extra}").Project.Service("svc"));

    [Theory]
    [InlineData("postgres", "postgres", "/var/lib/postgresql/data")]
    [InlineData("postgres:17-alpine", "postgres", "/var/lib/postgresql/data")]
    [InlineData("postgres:18", "postgres", "/var/lib/postgresql/18/docker")]
    [InlineData("postgres:latest", "postgres", "/var/lib/postgresql/data")]
    [InlineData("docker.io/library/postgres:16@sha256:abc", "postgres", "/var/lib/postgresql/data")]
    [InlineData("postgis/postgis:16-3.4", "postgres", "/var/lib/postgresql/data")]
    [InlineData("pgvector/pgvector:pg17", "postgres", "/var/lib/postgresql/data")]
    [InlineData("timescale/timescaledb:2.17.0-pg18", "postgres", "/var/lib/postgresql/18/docker")]
    [InlineData("timescale/timescaledb-ha:pg16", "postgres", "/home/postgres/pgdata/data")]
    [InlineData("bitnami/postgresql:16", "postgres", "/bitnami/postgresql/data")]
    [InlineData("mysql:8.4", "mysql", "/var/lib/mysql")]
    [InlineData("bitnami/mysql:8.4", "mysql", "/bitnami/mysql/data")]
    [InlineData("mariadb:11", "mariadb", "/var/lib/mysql")]
    [InlineData("mcr.microsoft.com/mssql/server:2022-latest", "sqlserver", "/var/opt/mssql")]
    [InlineData("mcr.microsoft.com/azure-sql-edge", "sqlserver", "/var/opt/mssql")]
    [InlineData("mongo:7", "mongo", "/data/db")]
    [InlineData("redis:7-alpine", "redis", "/data")]
    [InlineData("bitnami/redis:7.2", "redis", "/bitnami/redis/data")]
    [InlineData("valkey/valkey:8", "redis", "/data")]
    [InlineData("eqalpha/keydb", "redis", "/data")]
    [InlineData("docker.dragonflydb.io/dragonflydb/dragonfly", "redis", "/data")]
    [InlineData("redis/redis-stack-server:7.4.0-v0", "redis", "/data")]
    [InlineData("rabbitmq:3-management-alpine", "rabbitmq", "/var/lib/rabbitmq")]
    [InlineData("apache/kafka:3.8.0", "kafka", "/var/lib/kafka/data")]
    [InlineData("bitnami/kafka:3.7", "kafka", "/bitnami/kafka/data")]
    [InlineData("confluentinc/cp-kafka:7.6.0", "kafka", "/var/lib/kafka/data")]
    [InlineData("elasticsearch:8.15.0", "elasticsearch", "/usr/share/elasticsearch/data")]
    [InlineData("docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "elasticsearch", "/usr/share/elasticsearch/data")]
    [InlineData("opensearchproject/opensearch:2", "opensearch", "/usr/share/opensearch/data")]
    [InlineData("mcr.microsoft.com/azure-storage/azurite", "azurite", "/data")]
    [InlineData("datalust/seq", "seq", "/data")]
    [InlineData("cassandra:5", "cassandra", "/var/lib/cassandra")]
    [InlineData("influxdb:1.8", "influxdb", "/var/lib/influxdb")]
    [InlineData("influxdb:2.7", "influxdb", "/var/lib/influxdb2")]
    [InlineData("clickhouse/clickhouse-server:24", "clickhouse", "/var/lib/clickhouse")]
    [InlineData("localhost:5000/mirror/mongo:7", "mongo", "/data/db")]
    public void Knows_the_data_directory_of_each_image(string image, string kind, string directory)
    {
        var data = Find(image);
        Assert.NotNull(data);
        Assert.Equal(kind, data!.Kind);
        Assert.Equal(directory, Assert.Single(data.DataDirectories).Path);
    }

    [Theory]
    [InlineData("memcached:1.6", "memcached")]
    [InlineData("nats:2.10", "nats")]
    [InlineData("minio/minio", "minio")]
    public void Data_services_that_keep_nothing_on_disk_are_known_but_not_stateful(string image, string kind)
    {
        var data = Find(image);
        Assert.Equal(kind, data?.Kind);
        Assert.False(data!.IsStateful);
    }

    [Theory]
    [InlineData("nginx:1.27")]
    [InlineData("node:20")]
    [InlineData("redislabs/redisinsight")]   // a UI for redis, not redis
    [InlineData("postgres-exporter")]
    [InlineData("dpage/pgadmin4")]
    public void Other_images_are_not_data_services(string image)
        => Assert.Null(Find(image));

    [Fact]
    public void Every_image_family_of_the_generator_is_known_here()
    {
        foreach (var family in ImageFamilies.All)
        {
            foreach (var repository in family.Repositories)
                Assert.True(StatefulImages.IsKnown(repository), $"{family.Name}: {repository}");
        }
    }

    [Theory]
    [InlineData("command: --datadir=/srv/mysql", "mysql:8.4", "/srv/mysql")]
    [InlineData("command: [\"--dbpath\", \"/srv/mongo\"]", "mongo:7", "/srv/mongo")]
    [InlineData("command: azurite-blob --blobHost 0.0.0.0 -l /workspace", "mcr.microsoft.com/azure-storage/azurite", "/workspace")]
    [InlineData("command: azurite-blob --blobHost 0.0.0.0", "mcr.microsoft.com/azure-storage/azurite", "/opt/azurite")]
    [InlineData("environment: {KAFKA_CFG_LOG_DIRS: /kafka}", "bitnami/kafka:3.7", "/kafka")]
    [InlineData("command: server /mnt/data{1...4}", "minio/minio", "/mnt")]
    [InlineData("environment: {MINIO_VOLUMES: /mnt/data}", "minio/minio", "/mnt/data")]
    [InlineData("command: start-single-node --insecure --store=path=/crdb", "cockroachdb/cockroach:v24.2.0", "/crdb")]
    public void Settings_that_move_the_data_directory_are_honoured(string setting, string image, string directory)
        => Assert.Equal(directory, Assert.Single(Find(image, $"    {setting}\n")!.DataDirectories).Path);

    [Theory]
    [InlineData("command: azurite --inMemoryPersistence", "mcr.microsoft.com/azure-storage/azurite")]
    [InlineData("command: start-single-node --store=type=mem,size=1GiB", "cockroachdb/cockroach")]
    [InlineData("command: --dbfilename \"\"", "docker.dragonflydb.io/dragonflydb/dragonfly")]
    public void Settings_that_keep_everything_in_memory_make_it_stateless(string setting, string image)
        => Assert.False(Find(image, $"    {setting}\n")!.IsStateful);

    [Fact]
    public void Kafka_log_dirs_list_every_directory()
        => Assert.Equal(
            new[] { "/kafka/a", "/kafka/b" },
            Find("confluentinc/cp-kafka:7.6.0", "    environment:\n      KAFKA_LOG_DIRS: /kafka/a,/kafka/b\n")!.DataDirectories.Select(d => d.Path));
}
