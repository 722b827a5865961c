using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Emit;
using ComposeGen.Model;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// A directory where a data service keeps its state, and why we think so (<c>"the image's data
/// directory"</c>, <c>"PGDATA"</c>, <c>"--dir in command"</c>). A mount on any of <see cref="AlsoAccepted"/>
/// counts too: they are where the image may keep the same data depending on how it is configured.
/// </summary>
internal sealed record DataDirectory(string Path, string Source, IReadOnlyList<string> AlsoAccepted, string? MountAt = null)
{
    public DataDirectory(string path, string source)
        : this(path, source, Array.Empty<string>())
    {
    }

    public IEnumerable<string> Candidates => new[] { Path }.Concat(AlsoAccepted);

    /// <summary>Where the image's documentation says to mount the volume (the data directory unless told otherwise).</summary>
    public string SuggestedTarget => MountAt ?? Path;
}

/// <summary>
/// A service that runs a recognised data image (database, cache, broker, search engine, object store).
/// <see cref="DataDirectories"/> is empty when the service keeps no state on disk as configured
/// (memcached, nats without JetStream, redis with persistence turned off, minio without <c>server</c>).
/// </summary>
internal sealed record DataService(
    string Kind,
    string Image,
    string Repository,
    bool IsDatabase,
    IReadOnlyList<DataDirectory> DataDirectories,
    string? Hint,
    string? HintWhenMountedAt)
{
    public bool IsStateful => DataDirectories.Count > 0;
}

/// <summary>
/// The data directories of the stateful images of SPEC §5 and a few more, recognised by repository
/// name with any registry prefix, tag or digest (<c>docker.io/library/postgres:16</c>,
/// <c>ghcr.io/x/postgres@sha256:...</c>). Settings that move the directory are honoured: PGDATA,
/// <c>--datadir</c>, <c>--dbpath</c>, <c>--dir</c>, KAFKA_LOG_DIRS, minio's <c>server /path</c>,
/// nats' <c>--store_dir</c>, azurite's <c>--location</c>.
/// </summary>
internal static class StatefulImages
{
    private sealed record Entry(string Kind, string[] Repositories, bool IsDatabase, Func<Context, Result> Directories);

    /// <summary>The data directories; <see cref="Hint"/> explains a mount on <see cref="HintWhenMountedAt"/> (or under it) that does not hold them.</summary>
    private sealed record Result(IReadOnlyList<DataDirectory> Directories, string? Hint = null, string? HintWhenMountedAt = null);

    /// <summary>What a directory function can read: the service, its command words, its environment and the tag.</summary>
    private sealed class Context
    {
        public Context(Service service, string repository, string? tag)
        {
            Service = service;
            Repository = repository;
            Tag = tag;
            Command = CommandTokens.Of(service.Command);
            Entrypoint = CommandTokens.Of(service.Entrypoint);
        }

        public Service Service { get; }

        public string Repository { get; }

        public string? Tag { get; }

        public IReadOnlyList<string> Command { get; }

        public IReadOnlyList<string> Entrypoint { get; }

        /// <summary>The value of an environment variable as compose resolved it; null when unset or empty.</summary>
        public string? Env(string name)
        {
            foreach (var variable in Service.Environment)
            {
                if (variable.Name == name)
                    return string.IsNullOrWhiteSpace(variable.Value?.Value) ? null : variable.Value!.Value.Trim();
            }

            return null;
        }

        public bool HasCommand => Service.Command is not null;
    }

    private static readonly Result Stateless = new(Array.Empty<DataDirectory>());

    private static Result One(string path, string source = "the image's data directory")
        => new(new[] { new DataDirectory(path, source) });

    private static Result FromEnvOr(Context c, string variable, string path)
        => Absolute(c.Env(variable)) is { } fromEnv ? One(fromEnv, variable) : One(path);

    private static Result FromFlagOr(Context c, string[] flags, string path)
        => Absolute(CommandTokens.FlagValue(c.Command, flags)) is { } fromFlag ? One(fromFlag, $"{flags[0]} in command") : One(path);

    private static readonly Entry[] Entries =
    {
        new("postgres", new[] { "postgres", "postgis/postgis", "pgvector/pgvector", "timescale/timescaledb" }, true, Postgres),
        new("postgres", new[] { "timescale/timescaledb-ha" }, true, c => FromEnvOr(c, "PGDATA", "/home/postgres/pgdata/data")),
        new("postgres", new[] { "bitnami/postgresql", "bitnami/postgresql-repmgr" }, true, c => FromEnvOr(c, "POSTGRESQL_DATA_DIR", "/bitnami/postgresql/data")),
        new("mysql", new[] { "mysql", "mysql/mysql-server" }, true, c => FromFlagOr(c, new[] { "--datadir" }, "/var/lib/mysql")),
        new("mysql", new[] { "bitnami/mysql" }, true, c => One("/bitnami/mysql/data")),
        new("mariadb", new[] { "mariadb" }, true, c => FromFlagOr(c, new[] { "--datadir" }, "/var/lib/mysql")),
        new("mariadb", new[] { "bitnami/mariadb" }, true, c => One("/bitnami/mariadb/data")),
        new("sqlserver", new[] { "mssql/server", "mssql/rhel/server", "azure-sql-edge" }, true, c => One("/var/opt/mssql")),
        new("mongo", new[] { "mongo", "mongodb/mongodb-community-server", "mongodb/mongodb-enterprise-server" }, true, c => FromFlagOr(c, new[] { "--dbpath" }, "/data/db")),
        new("mongo", new[] { "bitnami/mongodb" }, true, c => One("/bitnami/mongodb")),
        new("redis", new[] { "redis", "valkey/valkey", "eqalpha/keydb", "redis/redis-stack-server", "redis/redis-stack", "redislabs/redismod", "redislabs/redisearch", "redislabs/rejson", "redislabs/redistimeseries" }, false, Redis),
        new("redis", new[] { "dragonflydb/dragonfly" }, false, Dragonfly),
        new("redis", new[] { "bitnami/redis" }, false, c => One("/bitnami/redis/data")),
        new("redis", new[] { "bitnami/valkey" }, false, c => One("/bitnami/valkey/data")),
        // Garnet keeps nothing on disk unless checkpointing or the AOF is turned on.
        new("redis", new[] { "microsoft/garnet" }, false, Garnet),
        new("rabbitmq", new[] { "rabbitmq" }, false, c => One("/var/lib/rabbitmq")),
        new("rabbitmq", new[] { "bitnami/rabbitmq" }, false, c => One("/bitnami/rabbitmq/mnesia")),
        // apache/kafka declares VOLUME /var/lib/kafka/data, but its stock server.properties logs to /tmp/kraft-combined-logs.
        new("kafka", new[] { "apache/kafka", "apache/kafka-native", "confluentinc/confluent-local" }, false, c => Kafka(c, "KAFKA_LOG_DIRS", "/var/lib/kafka/data", "/tmp/kraft-combined-logs")),
        new("kafka", new[] { "confluentinc/cp-kafka", "confluentinc/cp-server" }, false, c => Kafka(c, "KAFKA_LOG_DIRS", "/var/lib/kafka/data")),
        new("kafka", new[] { "bitnami/kafka" }, false, c => Kafka(c, "KAFKA_CFG_LOG_DIRS", "/bitnami/kafka/data")),
        new("redpanda", new[] { "vectorized/redpanda", "redpandadata/redpanda" }, false, c => One("/var/lib/redpanda/data")),
        new("zookeeper", new[] { "zookeeper" }, false, c => One("/data")),
        new("zookeeper", new[] { "confluentinc/cp-zookeeper" }, false, c => One("/var/lib/zookeeper/data")),
        new("elasticsearch", new[] { "elasticsearch", "elasticsearch/elasticsearch" }, true, c => FromEnvOr(c, "path.data", "/usr/share/elasticsearch/data")),
        new("elasticsearch", new[] { "bitnami/elasticsearch" }, true, c => One("/bitnami/elasticsearch/data")),
        new("opensearch", new[] { "opensearchproject/opensearch" }, true, c => FromEnvOr(c, "path.data", "/usr/share/opensearch/data")),
        new("nats", new[] { "nats" }, false, Nats),
        new("azurite", new[] { "azure-storage/azurite" }, false, Azurite),
        new("minio", new[] { "minio/minio" }, false, Minio),
        new("minio", new[] { "bitnami/minio" }, false, c => FromEnvOr(c, "MINIO_DATA_DIR", "/bitnami/minio/data")),
        new("seq", new[] { "datalust/seq" }, false, c => One("/data")),
        new("memcached", new[] { "memcached", "bitnami/memcached" }, false, c => Stateless),
        new("cassandra", new[] { "cassandra" }, true, c => One("/var/lib/cassandra")),
        new("cassandra", new[] { "bitnami/cassandra" }, true, c => One("/bitnami/cassandra")),
        new("couchdb", new[] { "couchdb" }, true, c => One("/opt/couchdb/data")),
        new("couchbase", new[] { "couchbase", "couchbase/server" }, true, c => One("/opt/couchbase/var")),
        new("neo4j", new[] { "neo4j" }, true, c => One("/data")),
        new("influxdb", new[] { "influxdb" }, true, InfluxDb),
        new("clickhouse", new[] { "clickhouse/clickhouse-server", "yandex/clickhouse-server" }, true, c => One("/var/lib/clickhouse")),
        new("cockroachdb", new[] { "cockroachdb/cockroach" }, true, Cockroach),
        new("qdrant", new[] { "qdrant/qdrant" }, true, c => One("/qdrant/storage")),
        new("meilisearch", new[] { "getmeili/meilisearch" }, true, c => FromEnvOr(c, "MEILI_DB_PATH", "/meili_data")),
    };

    /// <summary>The data service a service runs, or null when its image is not one we know (or it has no image).</summary>
    public static DataService? Find(Service service)
    {
        var image = service.Image?.Value;
        var repository = ImageFamilies.Repository(image);
        if (repository is null)
            return null;
        var entry = Match(repository);
        if (entry is null)
            return null;
        var context = new Context(service, repository, Tag(image!));
        Result result;
        try
        {
            result = entry.Directories(context);
        }
        catch (Exception)
        {
            // A rule must never throw; an unexpected configuration only costs the data directories.
            result = Stateless;
        }

        return new DataService(entry.Kind, image!.Trim(), repository, entry.IsDatabase, result.Directories, result.Hint, result.HintWhenMountedAt);
    }

    /// <summary>True when the repository is a data image we know (any registry prefix).</summary>
    public static bool IsKnown(string? image) => ImageFamilies.Repository(image) is { } repository && Match(repository) is not null;

    private static Entry? Match(string repository)
    {
        // The longest known repository that the reference ends with wins: bitnami/redis before redis.
        Entry? best = null;
        var bestLength = -1;
        foreach (var entry in Entries)
        {
            foreach (var known in entry.Repositories)
            {
                if ((repository == known || repository.EndsWith("/" + known, StringComparison.Ordinal)) && known.Length > bestLength)
                {
                    best = entry;
                    bestLength = known.Length;
                }
            }
        }

        return best;
    }

    /// <summary>The tag of an image reference (<c>16-alpine</c>), null when there is none.</summary>
    public static string? Tag(string image)
    {
        var reference = image.Trim();
        var at = reference.IndexOf('@');
        if (at >= 0)
            reference = reference.Substring(0, at);
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') && colon < reference.Length - 1 ? reference.Substring(colon + 1) : null;
    }

    private static string? Absolute(string? path) => Mounts.Normalize(path) is { } normal && normal != "/" ? normal : null;

    private static Result Postgres(Context c)
    {
        if (Absolute(c.Env("PGDATA")) is { } pgdata)
            return One(pgdata, "PGDATA");
        var major = PostgresMajor(c.Repository, c.Tag);
        if (major >= 18)
        {
            // docker-library/postgres 18+: PGDATA=/var/lib/postgresql/18/docker, VOLUME /var/lib/postgresql.
            return new Result(
                new[] { new DataDirectory($"/var/lib/postgresql/{major}/docker", $"PGDATA of postgres {major}", Array.Empty<string>(), "/var/lib/postgresql") },
                "postgres 18 and later no longer keep their data in /var/lib/postgresql/data, so a volume there does not hold it",
                "/var/lib/postgresql/data");
        }

        return One("/var/lib/postgresql/data");
    }

    /// <summary>The postgres major version a tag names: <c>16-alpine</c>, <c>18.1</c> (postgres, postgis), <c>pg17</c>, <c>2.14.2-pg16</c> (pgvector, timescale).</summary>
    private static int? PostgresMajor(string repository, string? tag)
    {
        if (tag is null)
            return null;
        var pg = tag.IndexOf("pg", StringComparison.Ordinal);
        if (pg >= 0 && LeadingNumber(tag.Substring(pg + 2)) is { } fromPg)
            return fromPg;
        return repository.EndsWith("pgvector/pgvector", StringComparison.Ordinal) || repository.EndsWith("timescale/timescaledb", StringComparison.Ordinal)
            ? null
            : LeadingNumber(tag);
    }

    private static int? LeadingNumber(string text)
    {
        var digits = 0;
        while (digits < text.Length && digits < 6 && char.IsDigit(text[digits]))
            digits++;
        return digits == 0 ? null : int.Parse(text.Substring(0, digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Result Redis(Context c)
    {
        var tokens = new List<string>(c.Command);
        tokens.AddRange(CommandTokens.Split(c.Env("REDIS_ARGS")));
        tokens.AddRange(CommandTokens.Split(c.Env("VALKEY_EXTRA_FLAGS")));
        var save = CommandTokens.FlagValue(tokens, "--save");
        var appendOnly = CommandTokens.FlagValue(tokens, "--appendonly");
        if (save is not null && IsEmptyArgument(save) && !string.Equals(appendOnly, "yes", StringComparison.OrdinalIgnoreCase))
            return Stateless; // redis-server --save "": a cache by choice, nothing to lose
        return Absolute(CommandTokens.FlagValue(tokens, "--dir")) is { } dir ? One(dir, "--dir in command") : One("/data");
    }

    private static Result Dragonfly(Context c)
    {
        var filename = CommandTokens.FlagValue(c.Command, "--dbfilename");
        if (filename is not null && IsEmptyArgument(filename))
            return Stateless;
        return Absolute(CommandTokens.FlagValue(c.Command, "--dir")) is { } dir ? One(dir, "--dir in command") : One("/data");
    }

    private static Result Garnet(Context c)
    {
        if (!CommandTokens.HasFlag(c.Command, "--recover", "--aof", "--checkpointdir"))
            return Stateless;
        return Absolute(CommandTokens.FlagValue(c.Command, "--checkpointdir", "--logdir")) is { } dir ? One(dir, "--checkpointdir in command") : One("/data");
    }

    private static bool IsEmptyArgument(string value) => value.Length == 0 || value == "''" || value == "\"\"";

    private static Result Kafka(Context c, string variable, string path, string? alsoAccepted = null)
    {
        if (c.Env(variable) is { } dirs)
        {
            var list = dirs.Split(',').Select(d => Absolute(d)).Where(d => d is not null).Select(d => new DataDirectory(d!, variable)).ToList();
            if (list.Count > 0)
                return new Result(list);
        }

        return new Result(new[] { new DataDirectory(path, "the image's data directory", alsoAccepted is null ? Array.Empty<string>() : new[] { alsoAccepted }) });
    }

    private static Result Nats(Context c)
    {
        var tokens = c.Command;
        if (!CommandTokens.HasFlag(tokens, "-js", "--js", "-jetstream", "--jetstream"))
            return Stateless; // core NATS keeps nothing; JetStream from a config file (-c) we cannot see
        return Absolute(CommandTokens.FlagValue(tokens, "-sd", "--sd", "-store_dir", "--store_dir")) is { } dir
            ? One(dir, "--store_dir in command")
            : One("/tmp/nats/jetstream", "JetStream's default store directory");
    }

    private static Result Azurite(Context c)
    {
        var tokens = c.Command;
        if (CommandTokens.HasFlag(tokens, "--inMemoryPersistence"))
            return Stateless;
        if (Absolute(CommandTokens.FlagValue(tokens, "-l", "--location")) is { } location)
            return One(location, "--location in command");
        // The image's default command is "azurite -l /data ..."; a command without -l writes to the working directory.
        return c.HasCommand ? One("/opt/azurite", "azurite's working directory (no --location in command)") : One("/data");
    }

    private static Result Minio(Context c)
    {
        var directories = new List<DataDirectory>();
        if (c.Env("MINIO_VOLUMES") is { } volumes)
        {
            foreach (var path in CommandTokens.Split(volumes))
                Add(path, "MINIO_VOLUMES");
        }
        else
        {
            // minio server [--address :9000] [--console-address :9001] /data ...
            var tokens = c.Command;
            var server = -1;
            for (var i = 0; i < tokens.Count && server < 0; i++)
            {
                if (tokens[i] == "server")
                    server = i;
            }

            if (server < 0)
                return Stateless; // without "server" minio prints its help and exits
            for (var i = server + 1; i < tokens.Count; i++)
            {
                if (tokens[i].StartsWith("-", StringComparison.Ordinal))
                {
                    if (!tokens[i].Contains("=") && i + 1 < tokens.Count && !tokens[i + 1].StartsWith("-", StringComparison.Ordinal)
                        && tokens[i] is "--address" or "--console-address" or "--certs-dir" or "-S" or "--config-dir" or "-C" or "--ftp" or "--sftp")
                        i++;
                    continue;
                }

                Add(tokens[i], "the data directory in command");
            }
        }

        return new Result(directories);

        void Add(string path, string source)
        {
            // /data{1...4} expands to several directories: the directory that holds them all.
            var brace = path.IndexOf('{');
            if (brace >= 0)
            {
                var prefix = path.Substring(0, brace);
                path = prefix.Substring(0, Math.Max(0, prefix.LastIndexOf('/')));
            }

            if (Absolute(path) is { } absolute)
                directories.Add(new DataDirectory(absolute, source));
        }
    }

    private static Result InfluxDb(Context c)
    {
        var major = c.Tag is null ? null : LeadingNumber(c.Tag);
        if (major == 1)
            return One("/var/lib/influxdb");
        if (major >= 3 || c.Tag?.StartsWith("core", StringComparison.Ordinal) == true || c.Tag?.StartsWith("enterprise", StringComparison.Ordinal) == true)
        {
            // InfluxDB 3 keeps data where --data-dir says, and only with --object-store file.
            return Absolute(CommandTokens.FlagValue(c.Command, "--data-dir")) is { } dir && CommandTokens.FlagValue(c.Command, "--object-store") == "file"
                ? One(dir, "--data-dir in command")
                : Stateless;
        }

        return One("/var/lib/influxdb2");
    }

    private static Result Cockroach(Context c)
    {
        // --store=type=mem,size=1GiB keeps everything in memory; --store=path=/x or --store=/x moves it.
        var store = CommandTokens.FlagValue(c.Command, "--store", "-s");
        if (store is not null)
        {
            if (store.Contains("type=mem"))
                return Stateless;
            var first = store.Split(',')[0];
            if (Absolute(first.StartsWith("path=", StringComparison.Ordinal) ? first.Substring(5) : first) is { } dir)
                return One(dir, "--store in command");
        }

        return One("/cockroach/cockroach-data");
    }
}
