using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

/// <summary>Every connection-string format, built from hostile values and read back by the real client.</summary>
public sealed class ConnectionStringTests
{
    private const string Hostile = "p@ss;w:o/r=d'\"# %?é";

    private static readonly ComposeEndpoint Db = new("orders-db", 5432);

    /// <summary>Values that break naive formatting: every separator of every format, quotes, blanks, %-escapes, non-ASCII.</summary>
    public static TheoryData<string> HostileValues => new(HostileList);

    private static readonly string[] HostileList =
    {
        Hostile,
        "simple",
        "p@ss",
        "semi;colon",
        "a=b",
        "==",
        "'single'",
        "\"double\"",
        "both ' and \" quotes",
        "\"\"",
        "''",
        "{braces}",
        "{a;b}",
        " leading space",
        "trailing space ",
        " both ",
        "tab\tinside",
        "new\nline",
        "100%",
        "%41%",
        "+plus+",
        "a/b\\c",
        "?query#frag",
        "[::1]",
        "user:pass@host",
        "Ωmega",
        "日本語のパスワード",
        "emoji 😀",
        "\u00A0nbsp\u00A0",
        "x",
    };

    public static TheoryData<string> RedisExpressibleValues
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var value in HostileList)
            {
                if (value.IndexOf(',') < 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]))
                    data.Add(value);
            }

            return data;
        }
    }

    [Fact]
    public void Npgsql_shape()
        => Assert.Equal("Host=orders-db;Port=5432;Username=postgres;Password=secret;Database=orders",
            ComposeConnectionStrings.Npgsql(Db, "postgres", "secret", "orders"));

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Npgsql_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.Npgsql(ComposeConnectionStrings.Npgsql(Db, value, value, value));
        Assert.Equal(new ParsedConnection("orders-db", 5432, value, value, value), parsed);
    }

    [Fact]
    public void Npgsql_leaves_out_missing_password_and_database()
    {
        var text = ComposeConnectionStrings.Npgsql(Db, "postgres", null, null);
        Assert.Equal("Host=orders-db;Port=5432;Username=postgres", text);
        Assert.Equal(new ParsedConnection("orders-db", 5432, "postgres", null, null), ClientParsers.Npgsql(text));
        Assert.Equal(text, ComposeConnectionStrings.Npgsql(Db, "postgres", "", ""));
    }

    [Fact]
    public void Npgsql_ipv6_host()
    {
        var parsed = ClientParsers.Npgsql(ComposeConnectionStrings.Npgsql(new ComposeEndpoint("::1", 15432), "u", Hostile, "d"));
        Assert.Equal(new ParsedConnection("::1", 15432, "u", Hostile, "d"), parsed);
    }

    [Fact]
    public void MySql_shape()
        => Assert.Equal("Server=orders-db;Port=3306;User ID=app;Password=secret;Database=orders",
            ComposeConnectionStrings.MySql(new ComposeEndpoint("orders-db", 3306), "app", "secret", "orders"));

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void MySql_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.MySql(ComposeConnectionStrings.MySql(new ComposeEndpoint("mysql", 3306), value, value, value));
        Assert.Equal(new ParsedConnection("mysql", 3306, value, value, value), parsed);
    }

    [Fact]
    public void MySql_leaves_out_missing_password_and_database()
    {
        var text = ComposeConnectionStrings.MySql(new ComposeEndpoint("localhost", 13306), "root", null, null);
        Assert.Equal("Server=localhost;Port=13306;User ID=root", text);
        Assert.Equal(new ParsedConnection("localhost", 13306, "root", null, null), ClientParsers.MySql(text));
    }

    [Fact]
    public void SqlServer_shape()
        => Assert.Equal("Server=mssql,1433;User ID=sa;Password=secret;TrustServerCertificate=true",
            ComposeConnectionStrings.SqlServer(new ComposeEndpoint("mssql", 1433), "sa", "secret"));

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void SqlServer_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.SqlServer(ComposeConnectionStrings.SqlServer(new ComposeEndpoint("mssql", 1433), value, value), out var trust);
        Assert.Equal(new ParsedConnection("mssql", 1433, value, value, null), parsed);
        Assert.True(trust);
    }

    [Fact]
    public void SqlServer_ipv6_host_is_written_bare()
    {
        var text = ComposeConnectionStrings.SqlServer(new ComposeEndpoint("::1", 11433), "sa", Hostile);
        Assert.Equal(new ParsedConnection("::1", 11433, "sa", Hostile, null), ClientParsers.SqlServer(text, out _));
    }

    [Fact]
    public void MongoDb_shape()
    {
        var endpoint = new ComposeEndpoint("mongo", 27017);
        Assert.Equal("mongodb://root:secret@mongo:27017/shop?authSource=admin", ComposeConnectionStrings.MongoDb(endpoint, "root", "secret", "shop"));
        Assert.Equal("mongodb://root:secret@mongo:27017/?authSource=admin", ComposeConnectionStrings.MongoDb(endpoint, "root", "secret", null));
        Assert.Equal("mongodb://mongo:27017", ComposeConnectionStrings.MongoDb(endpoint, null, null, null));
        Assert.Equal("mongodb://mongo:27017", ComposeConnectionStrings.MongoDb(endpoint, "", "ignored", ""));
        Assert.Equal("mongodb://mongo:27017/shop", ComposeConnectionStrings.MongoDb(endpoint, null, null, "shop"));
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void MongoDb_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.MongoDb(ComposeConnectionStrings.MongoDb(new ComposeEndpoint("mongo", 27017), value, value, value), out var authSource);
        Assert.Equal(new ParsedConnection("mongo", 27017, value, value, value), parsed);
        Assert.Equal("admin", authSource);
    }

    [Fact]
    public void MongoDb_without_credentials_has_no_auth_source()
    {
        var parsed = ClientParsers.MongoDb(ComposeConnectionStrings.MongoDb(new ComposeEndpoint("localhost", 27018), null, null, "shop"), out var authSource);
        Assert.Equal(new ParsedConnection("localhost", 27018, null, null, "shop"), parsed);
        Assert.Null(authSource);
    }

    [Fact]
    public void MongoDb_ipv6_host()
    {
        var parsed = ClientParsers.MongoDb(ComposeConnectionStrings.MongoDb(new ComposeEndpoint("::1", 27017), "root", Hostile, null), out _);
        Assert.Equal(27017, parsed.Port);
        Assert.Equal("root", parsed.User);
        Assert.Equal(Hostile, parsed.Password);
        Assert.Contains("::1", parsed.Host);
    }

    [Fact]
    public void Redis_shape()
    {
        Assert.Equal("redis:6379", ComposeConnectionStrings.Redis(new ComposeEndpoint("redis", 6379), null));
        Assert.Equal("redis:6379", ComposeConnectionStrings.Redis(new ComposeEndpoint("redis", 6379), ""));
        Assert.Equal("redis:6379,password=secret", ComposeConnectionStrings.Redis(new ComposeEndpoint("redis", 6379), "secret"));
        Assert.Equal("[::1]:6379", ComposeConnectionStrings.Redis(new ComposeEndpoint("::1", 6379), null));
    }

    [Theory]
    [MemberData(nameof(RedisExpressibleValues))]
    public void Redis_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.Redis(ComposeConnectionStrings.Redis(new ComposeEndpoint("redis", 6379), value));
        Assert.Equal(new ParsedConnection("redis", 6379, null, value, null), parsed);
    }

    [Fact]
    public void Redis_without_password()
        => Assert.Equal(new ParsedConnection("localhost", 16379, null, null, null), ClientParsers.Redis(ComposeConnectionStrings.Redis(new ComposeEndpoint("localhost", 16379), null)));

    [Fact]
    public void Redis_ipv6_host()
    {
        var parsed = ClientParsers.Redis(ComposeConnectionStrings.Redis(new ComposeEndpoint("::1", 6379), Hostile));
        Assert.Equal(new ParsedConnection("::1", 6379, null, Hostile, null), parsed);
    }

    [Theory]
    [InlineData("comma,inside")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("\ttab")]
    public void Redis_refuses_passwords_its_syntax_cannot_express(string password)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ComposeConnectionStrings.Redis(new ComposeEndpoint("redis", 6379), password));
        Assert.Contains("ConfigurationOptions", exception.Message);
        Assert.DoesNotContain(password.Trim(), exception.Message);
    }

    [Fact]
    public void RabbitMq_shape()
    {
        var endpoint = new ComposeEndpoint("rabbitmq", 5672);
        Assert.Equal("amqp://guest:guest@rabbitmq:5672", ComposeConnectionStrings.RabbitMq(endpoint, "guest", "guest", null));
        Assert.Equal("amqp://guest:guest@rabbitmq:5672", ComposeConnectionStrings.RabbitMq(endpoint, "guest", "guest", "/"));
        Assert.Equal("amqp://guest:guest@rabbitmq:5672", ComposeConnectionStrings.RabbitMq(endpoint, "guest", "guest", ""));
        Assert.Equal("amqp://guest:guest@rabbitmq:5672/shop", ComposeConnectionStrings.RabbitMq(endpoint, "guest", "guest", "shop"));
        Assert.Equal("amqp://guest:guest@rabbitmq:5672/%2Fshop", ComposeConnectionStrings.RabbitMq(endpoint, "guest", "guest", "/shop"));
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void RabbitMq_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.RabbitMq(ComposeConnectionStrings.RabbitMq(new ComposeEndpoint("rabbitmq", 5672), value, value, value));
        Assert.Equal(new ParsedConnection("rabbitmq", 5672, value, value, value), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    public void RabbitMq_default_virtual_host_reads_back_as_slash(string? virtualHost)
    {
        var parsed = ClientParsers.RabbitMq(ComposeConnectionStrings.RabbitMq(new ComposeEndpoint("localhost", 15672), "guest", "guest", virtualHost));
        Assert.Equal(new ParsedConnection("localhost", 15672, "guest", "guest", "/"), parsed);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void RabbitMq_refuses_dot_segment_virtual_hosts_that_uris_drop(string virtualHost)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ComposeConnectionStrings.RabbitMq(new ComposeEndpoint("rabbitmq", 5672), "u", "p", virtualHost));
        Assert.Contains("VirtualHost", exception.Message);
    }

    [Theory]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("...")]
    [InlineData("./x")]
    public void RabbitMq_virtual_hosts_with_dots_round_trip(string virtualHost)
        => Assert.Equal(virtualHost, ClientParsers.RabbitMq(ComposeConnectionStrings.RabbitMq(new ComposeEndpoint("rabbitmq", 5672), "u", "p", virtualHost)).Database);

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a.b")]
    public void MongoDb_database_names_with_dots(string database)
        => Assert.Equal(database, ClientParsers.MongoDb(ComposeConnectionStrings.MongoDb(new ComposeEndpoint("mongo", 27017), "root", "pw", database), out _).Database);

    [Fact]
    public void RabbitMq_ipv6_host_is_a_valid_uri()
    {
        var text = ComposeConnectionStrings.RabbitMq(new ComposeEndpoint("::1", 5672), "u", Hostile, null);
        var parsed = ClientParsers.Url(text, out var scheme);
        Assert.Equal("amqp", scheme);
        Assert.Equal(new ParsedConnection("::1", 5672, "u", Hostile, null), parsed);
        Assert.Equal(Hostile, ClientParsers.RabbitMq(text).Password);
    }

    [Fact]
    public void Elasticsearch_shape()
    {
        var endpoint = new ComposeEndpoint("elasticsearch", 9200);
        Assert.Equal("http://elastic:secret@elasticsearch:9200", ComposeConnectionStrings.Elasticsearch(endpoint, "elastic", "secret"));
        Assert.Equal("http://elasticsearch:9200", ComposeConnectionStrings.Elasticsearch(endpoint, null, "ignored"));
        Assert.Equal("http://elastic@elasticsearch:9200", ComposeConnectionStrings.Elasticsearch(endpoint, "elastic", null));
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Elasticsearch_reads_back_hostile_values(string value)
    {
        var parsed = ClientParsers.Url(ComposeConnectionStrings.Elasticsearch(new ComposeEndpoint("elasticsearch", 9200), value, value), out var scheme);
        Assert.Equal("http", scheme);
        Assert.Equal(new ParsedConnection("elasticsearch", 9200, value, value, null), parsed);
    }

    [Fact]
    public void Elasticsearch_ipv6_host()
    {
        var parsed = ClientParsers.Url(ComposeConnectionStrings.Elasticsearch(new ComposeEndpoint("::1", 9200), "elastic", Hostile), out _);
        Assert.Equal(new ParsedConnection("::1", 9200, "elastic", Hostile, null), parsed);
    }

    [Theory]
    [InlineData("kafka", 9092, "kafka:9092")]
    [InlineData("localhost", 29092, "localhost:29092")]
    [InlineData("::1", 9092, "[::1]:9092")]
    public void Kafka_bootstrap_servers(string host, int port, string expected)
        => Assert.Equal(expected, ComposeConnectionStrings.Kafka(new ComposeEndpoint(host, port)));

    [Theory]
    [InlineData("memcached", 11211, "memcached:11211")]
    [InlineData("::1", 11211, "[::1]:11211")]
    public void Memcached_host_and_port(string host, int port, string expected)
        => Assert.Equal(expected, ComposeConnectionStrings.Memcached(new ComposeEndpoint(host, port)));

    [Theory]
    [InlineData("nats", 4222, "nats://nats:4222")]
    [InlineData("::1", 4222, "nats://[::1]:4222")]
    public void Nats_url(string host, int port, string expected)
    {
        var text = ComposeConnectionStrings.Nats(new ComposeEndpoint(host, port));
        Assert.Equal(expected, text);
        var parsed = ClientParsers.Url(text, out var scheme);
        Assert.Equal("nats", scheme);
        Assert.Equal(new ParsedConnection(host, port, null, null, null), parsed);
    }

    [Theory]
    [InlineData("seq", 5341, "http://seq:5341")]
    [InlineData("localhost", 8080, "http://localhost:8080")]
    [InlineData("::1", 80, "http://[::1]:80")]
    public void Http_url(string host, int port, string expected)
    {
        var text = ComposeConnectionStrings.Http(new ComposeEndpoint(host, port));
        Assert.Equal(expected, text);
        var parsed = ClientParsers.Url(text, out var scheme);
        Assert.Equal("http", scheme);
        Assert.Equal(new ParsedConnection(host, port, null, null, null), parsed);
    }

    [Fact]
    public void Azurite_well_known_connection_string()
    {
        var text = ComposeConnectionStrings.Azurite(new ComposeEndpoint("azurite", 10000), new ComposeEndpoint("azurite", 10001), new ComposeEndpoint("azurite", 10002));
        Assert.Equal(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://azurite:10000/devstoreaccount1;QueueEndpoint=http://azurite:10001/devstoreaccount1;"
            + "TableEndpoint=http://azurite:10002/devstoreaccount1;",
            text);
        var values = ClientParsers.KeyValues(text);
        Assert.Equal("devstoreaccount1", values["AccountName"]);
        Assert.Equal(ComposeConnectionStrings.AzuriteAccountKey, values["AccountKey"]);
        Assert.Equal(new Uri("http://azurite:10000/devstoreaccount1"), new Uri(values["BlobEndpoint"]));
        Assert.Equal(new Uri("http://azurite:10001/devstoreaccount1"), new Uri(values["QueueEndpoint"]));
        Assert.Equal(new Uri("http://azurite:10002/devstoreaccount1"), new Uri(values["TableEndpoint"]));
    }

    [Fact]
    public void Azurite_host_side_ports()
    {
        var text = ComposeConnectionStrings.Azurite(new ComposeEndpoint("127.0.0.1", 20000), new ComposeEndpoint("127.0.0.1", 20001), new ComposeEndpoint("::1", 20002));
        var values = ClientParsers.KeyValues(text);
        Assert.Equal(20000, new Uri(values["BlobEndpoint"]).Port);
        Assert.Equal(20001, new Uri(values["QueueEndpoint"]).Port);
        Assert.Equal(new Uri("http://[::1]:20002/devstoreaccount1"), new Uri(values["TableEndpoint"]));
    }

    [Fact]
    public void Minio_shape()
    {
        Assert.Equal("Endpoint=http://minio:9000;AccessKey=minioadmin;SecretKey=minioadmin",
            ComposeConnectionStrings.Minio(new ComposeEndpoint("minio", 9000), "minioadmin", "minioadmin"));
        Assert.Equal("Endpoint=http://minio:9000", ComposeConnectionStrings.Minio(new ComposeEndpoint("minio", 9000), null, null));
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Minio_reads_back_hostile_values(string value)
    {
        var values = ClientParsers.KeyValues(ComposeConnectionStrings.Minio(new ComposeEndpoint("minio", 9000), value, value));
        Assert.Equal(new Uri("http://minio:9000"), new Uri(values["Endpoint"]));
        Assert.Equal(value, values["AccessKey"]);
        Assert.Equal(value, values["SecretKey"]);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void Quoted_values_read_back_with_the_base_class_parser_too(string value)
    {
        var values = ClientParsers.KeyValues("Key=" + ComposeConnectionStrings.QuoteValue(value) + ";Next=1");
        Assert.Equal(value, values["Key"]);
        Assert.Equal("1", values["Next"]);
    }

    [Fact]
    public void Nul_characters_cannot_be_written_in_key_value_syntax()
        => Assert.Throws<ArgumentException>(() => ComposeConnectionStrings.Npgsql(Db, "postgres", "a\0b", null));

    [Fact]
    public void Percent_encoding_keeps_only_unreserved_characters()
    {
        Assert.Equal("AZaz09-._~", ComposeConnectionStrings.PercentEncode("AZaz09-._~"));
        Assert.Equal("p%40ss%3Bw%3Ao%2Fr%3Dd%27%22%23%20%25%3F%C3%A9", ComposeConnectionStrings.PercentEncode(Hostile));
        Assert.Equal("%F0%9F%98%80", ComposeConnectionStrings.PercentEncode("😀"));
    }

    [Fact]
    public void Simple_values_are_not_quoted()
    {
        Assert.Equal("secret", ComposeConnectionStrings.QuoteValue("secret"));
        Assert.Equal("p@ss:w/o,rd#%?é", ComposeConnectionStrings.QuoteValue("p@ss:w/o,rd#%?é"));
        Assert.Equal("\"a;b\"", ComposeConnectionStrings.QuoteValue("a;b"));
        Assert.Equal("'say \"hi\"'", ComposeConnectionStrings.QuoteValue("say \"hi\""));
        Assert.Equal("\"it's \"\"both\"\"\"", ComposeConnectionStrings.QuoteValue("it's \"both\""));
        Assert.Equal("\"\"", ComposeConnectionStrings.QuoteValue(""));
    }

    [Fact]
    public void Null_endpoint_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => ComposeConnectionStrings.Npgsql(null!, "u", null, null));
        Assert.Throws<ArgumentNullException>(() => ComposeConnectionStrings.Http(null!));
    }
}
