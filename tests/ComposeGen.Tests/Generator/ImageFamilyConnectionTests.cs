using System.Reflection;
using ComposeGen.Tests.Runtime;
using Microsoft.Extensions.Configuration;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// SPEC §5 end to end: one service per recognised image, the generated code compiled and run, each
/// connection string read back by the real client's parser, for the network and the host context.
/// </summary>
[Collection(ProcessEnvironment.Collection)]
public sealed class ImageFamilyConnectionTests : IDisposable
{
    private const string Password = "p@ss;w:o/r=d'\" é%";

    private const string Yaml = """
        services:
          pg:
            image: docker.io/library/postgres:16
            environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: "${PG_PASSWORD}", POSTGRES_DB: shop}
            ports: ["15432:5432"]
          maria:
            image: mariadb:11
            environment: {MARIADB_USER: app, MARIADB_PASSWORD: "${DB_PASSWORD}", MARIADB_DATABASE: shop, MARIADB_ROOT_PASSWORD: root}
            ports: ["13306:3306"]
          mysql:
            image: mysql:8
            environment: {MYSQL_ROOT_PASSWORD: "${DB_PASSWORD}"}
          mssql:
            image: mcr.microsoft.com/mssql/server:2022-latest
            environment: {ACCEPT_EULA: "Y", MSSQL_SA_PASSWORD: "${DB_PASSWORD}"}
            ports: ["11433:1433"]
          mongo:
            image: mongo:7
            environment: {MONGO_INITDB_ROOT_USERNAME: root, MONGO_INITDB_ROOT_PASSWORD: "${DB_PASSWORD}", MONGO_INITDB_DATABASE: shop}
          valkey:
            image: valkey/valkey:8
            command: valkey-server --requirepass ${REDIS_PASSWORD}
          rabbit:
            image: rabbitmq:3-management
            environment: {RABBITMQ_DEFAULT_USER: app, RABBITMQ_DEFAULT_PASS: "${DB_PASSWORD}", RABBITMQ_DEFAULT_VHOST: shop}
            ports: ["15672:15672", "5672:5672"]
          kafka:
            image: bitnami/kafka:3.7
            environment:
              KAFKA_CFG_ADVERTISED_LISTENERS: PLAINTEXT://kafka:29092,PLAINTEXT_HOST://localhost:9092
            ports: ["9092:9092"]
          search:
            image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0
            environment: {ELASTIC_PASSWORD: "${DB_PASSWORD}"}
          nats:
            image: nats:2
          azurite:
            image: mcr.microsoft.com/azure-storage/azurite
          minio:
            image: quay.io/minio/minio
            environment: {MINIO_ROOT_USER: admin, MINIO_ROOT_PASSWORD: "${DB_PASSWORD}"}
          memcached:
            image: memcached:1.6
          seq:
            image: datalust/seq
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("composegen-families-").FullName;
    private readonly Assembly _assembly;

    public ImageFamilyConnectionTests()
    {
        // compose's .env syntax: a double-quoted value with \" for the quote inside.
        var quoted = "\"" + Password.Replace("\"", "\\\"") + "\"";
        File.WriteAllText(Path.Combine(_directory, ".env"), $"PG_PASSWORD={quoted}\nDB_PASSWORD={quoted}\nREDIS_PASSWORD=r3dis:pw\n");
        var run = GeneratorHarness.Run(Yaml, references: ReferenceAssemblies.Net10.Concat(ReferenceAssemblies.Configuration), composeDirectory: _directory);
        Assert.True(run.CompilationProblems.Count == 0, string.Join("\n", run.CompilationProblems));
        _assembly = run.Load();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Network(string service) => (string)Member($"Compose+Services+{service}", "NetworkConnectionString")!;

    private string Host(string service) => (string)Member($"Compose+Services+{service}", "HostConnectionString")!;

    private object? Member(string type, string name)
    {
        try
        {
            return _assembly.GetType("Shop.Api." + type, throwOnError: true)!.GetProperty(name)!.GetValue(null);
        }
        catch (TargetInvocationException exception)
        {
            throw exception.InnerException!;
        }
    }

    [Fact]
    public void The_env_file_holds_the_hostile_password_as_written()
        => Assert.Equal(Password, (string)Member("Compose+Services+Pg+Environment", "PostgresPassword")!);

    [Fact]
    public void Postgres_for_both_contexts()
    {
        Assert.Equal(new ParsedConnection("pg", 5432, "app", Password, "shop"), ClientParsers.Npgsql(Network("Pg")));
        Assert.Equal(new ParsedConnection("localhost", 15432, "app", Password, "shop"), ClientParsers.Npgsql(Host("Pg")));
    }

    [Fact]
    public void MariaDb_uses_the_app_user_and_MySql_falls_back_to_root()
    {
        Assert.Equal(new ParsedConnection("maria", 3306, "app", Password, "shop"), ClientParsers.MySql(Network("Maria")));
        Assert.Equal(new ParsedConnection("localhost", 13306, "app", Password, "shop"), ClientParsers.MySql(Host("Maria")));
        Assert.Equal(new ParsedConnection("mysql", 3306, "root", Password, null), ClientParsers.MySql(Network("Mysql")));
    }

    [Fact]
    public void SqlServer_uses_sa_and_trusts_the_dev_certificate()
    {
        Assert.Equal(new ParsedConnection("mssql", 1433, "sa", Password, null), ClientParsers.SqlServer(Network("Mssql"), out var trust));
        Assert.True(trust);
        Assert.Equal(new ParsedConnection("localhost", 11433, "sa", Password, null), ClientParsers.SqlServer(Host("Mssql"), out _));
    }

    [Fact]
    public void Mongo_authenticates_against_admin()
    {
        Assert.Equal(new ParsedConnection("mongo", 27017, "root", Password, "shop"), ClientParsers.MongoDb(Network("Mongo"), out var source));
        Assert.Equal("admin", source);
    }

    [Fact]
    public void Redis_family_password_comes_from_requirepass()
        => Assert.Equal(new ParsedConnection("valkey", 6379, null, "r3dis:pw", null), ClientParsers.Redis(Network("Valkey")));

    [Fact]
    public void RabbitMq_with_user_password_and_vhost()
        => Assert.Equal(new ParsedConnection("rabbit", 5672, "app", Password, "shop"), ClientParsers.RabbitMq(Network("Rabbit")));

    [Fact]
    public void Kafka_follows_the_advertised_listeners()
    {
        Assert.Equal("kafka:29092", Network("Kafka"));
        Assert.Equal("localhost:9092", Host("Kafka"));
    }

    [Fact]
    public void Elasticsearch_authenticates_as_elastic()
    {
        var parsed = ClientParsers.Url(Network("Search"), out var scheme);
        Assert.Equal(("http", new ParsedConnection("search", 9200, "elastic", Password, null)), (scheme, parsed));
    }

    [Fact]
    public void Nats_memcached_seq_and_minio()
    {
        Assert.Equal("nats://nats:4222", Network("Nats"));
        Assert.Equal("memcached:11211", Network("Memcached"));
        Assert.StartsWith("http://seq:", Network("Seq"));
        var minio = ClientParsers.KeyValues(Network("Minio"));
        Assert.Equal(("http://minio:9000", "admin", Password), (minio["Endpoint"], minio["AccessKey"], minio["SecretKey"]));
    }

    [Fact]
    public void Azurite_gives_the_well_known_development_account_with_three_endpoints()
    {
        var azurite = ClientParsers.KeyValues(Network("Azurite"));
        Assert.Equal("devstoreaccount1", azurite["AccountName"]);
        Assert.Equal(("http://azurite:10000/devstoreaccount1", "http://azurite:10001/devstoreaccount1", "http://azurite:10002/devstoreaccount1"),
            (azurite["BlobEndpoint"], azurite["QueueEndpoint"], azurite["TableEndpoint"]));
    }

    [Fact]
    public void AddComposeConnectionStrings_fills_the_aspire_keys_of_a_real_ConfigurationBuilder()
    {
        SetContext("Network");
        var configuration = Build("AddComposeConnectionStrings");
        Assert.Equal(new ParsedConnection("pg", 5432, "app", Password, "shop"), ClientParsers.Npgsql(configuration.GetConnectionString("pg")!));
        Assert.Equal("kafka:29092", configuration.GetConnectionString("kafka"));
        Assert.Null(configuration.GetConnectionString("nope"));

        // On the host, services whose port is not published are left out instead of failing the whole configuration.
        SetContext("Host");
        configuration = Build("AddComposeConnectionStrings");
        Assert.Equal("localhost", ClientParsers.Npgsql(configuration.GetConnectionString("pg")!).Host);
        Assert.Null(configuration.GetConnectionString("mongo"));
    }

    [Fact]
    public void AddComposeEndpoints_fills_the_service_discovery_keys()
    {
        SetContext("Network");
        var configuration = Build("AddComposeEndpoints");
        Assert.Equal("http://rabbit:15672", configuration["services:rabbit:http:0"]);
        Assert.Equal("http://search:9200", configuration["services:search:http:0"]);
    }

    private void SetContext(string context)
    {
        var property = _assembly.GetType("Shop.Api.Compose", throwOnError: true)!.GetProperty("Context")!;
        property.SetValue(null, Enum.Parse(property.PropertyType, context));
    }

    private IConfigurationRoot Build(string extension)
    {
        var method = _assembly.GetType("Shop.Api.ComposeConfigurationExtensions", throwOnError: true)!.GetMethod(extension)!;
        var builder = new ConfigurationBuilder();
        method.Invoke(null, new object[] { builder });
        return builder.Build();
    }
}
