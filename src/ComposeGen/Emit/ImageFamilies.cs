using System;
using System.Collections.Generic;
using System.Linq;

namespace ComposeGen.Emit;

/// <summary>What ComposeGen knows about a well-known image: its default port and how to connect (SPEC §5).</summary>
internal sealed record ImageFamily(
    string Name,
    string[] Repositories,
    int DefaultPort,
    string EndpointName,
    string? Scheme,
    bool Stateful);

internal static class ImageFamilies
{
    public static readonly ImageFamily Postgres = new("postgres", new[] { "postgres", "timescale/timescaledb", "timescale/timescaledb-ha", "postgis/postgis", "pgvector/pgvector" }, 5432, "Postgres", "postgres", true);
    public static readonly ImageFamily MySql = new("mysql", new[] { "mysql" }, 3306, "MySql", "mysql", true);
    public static readonly ImageFamily MariaDb = new("mariadb", new[] { "mariadb" }, 3306, "MySql", "mysql", true);
    public static readonly ImageFamily SqlServer = new("sqlserver", new[] { "mssql/server", "azure-sql-edge" }, 1433, "SqlServer", "mssql", true);
    public static readonly ImageFamily Mongo = new("mongo", new[] { "mongo" }, 27017, "Mongo", "mongodb", true);
    public static readonly ImageFamily Redis = new("redis", new[] { "redis", "valkey/valkey", "eqalpha/keydb", "dragonflydb/dragonfly", "microsoft/garnet", "redis/redis-stack-server" }, 6379, "Redis", "redis", true);
    public static readonly ImageFamily RabbitMq = new("rabbitmq", new[] { "rabbitmq" }, 5672, "Amqp", "amqp", true);
    public static readonly ImageFamily Kafka = new("kafka", new[] { "apache/kafka", "bitnami/kafka", "confluentinc/cp-kafka", "confluentinc/confluent-local" }, 9092, "Kafka", null, true);
    public static readonly ImageFamily Elasticsearch = new("elasticsearch", new[] { "elasticsearch", "elasticsearch/elasticsearch" }, 9200, "Http", "http", true);
    public static readonly ImageFamily OpenSearch = new("opensearch", new[] { "opensearchproject/opensearch" }, 9200, "Http", "http", true);
    public static readonly ImageFamily Nats = new("nats", new[] { "nats" }, 4222, "Nats", "nats", false);
    public static readonly ImageFamily Azurite = new("azurite", new[] { "azure-storage/azurite" }, 10000, "Blob", "http", true);
    public static readonly ImageFamily Minio = new("minio", new[] { "minio/minio", "bitnami/minio" }, 9000, "Api", "http", true);
    public static readonly ImageFamily Seq = new("seq", new[] { "datalust/seq" }, 5341, "Http", "http", true);
    public static readonly ImageFamily Memcached = new("memcached", new[] { "memcached" }, 11211, "Memcached", null, false);

    public static readonly IReadOnlyList<ImageFamily> All = new[]
    {
        Postgres, MySql, MariaDb, SqlServer, Mongo, Redis, RabbitMq, Kafka, Elasticsearch, OpenSearch, Nats, Azurite, Minio, Seq, Memcached,
    };

    /// <summary>
    /// The family of an image reference, ignoring registry, tag and digest:
    /// <c>docker.io/library/postgres:16-alpine</c>, <c>postgres@sha256:...</c> and <c>postgres</c> are all postgres.
    /// </summary>
    public static ImageFamily? Find(string? image)
    {
        var repository = Repository(image);
        if (repository is null)
            return null;
        foreach (var family in All)
        {
            foreach (var known in family.Repositories)
            {
                if (repository == known || repository.EndsWith("/" + known, StringComparison.Ordinal))
                    return family;
            }
        }

        return null;
    }

    /// <summary>The repository path in lower case, without tag or digest; null for an empty reference.</summary>
    public static string? Repository(string? image)
    {
        if (string.IsNullOrWhiteSpace(image))
            return null;
        var reference = image!.Trim().ToLowerInvariant();
        var at = reference.IndexOf('@');
        if (at >= 0)
            reference = reference.Substring(0, at);
        var colon = reference.LastIndexOf(':');
        if (colon > reference.LastIndexOf('/'))
            reference = reference.Substring(0, colon);
        return reference.Length == 0 ? null : reference;
    }
}
