using ComposeGen.Analysis.Networking;
using CsCheck;

namespace ComposeGen.Tests.Analysis.Networking;

/// <summary>The host-reference extractor: values in, references (host, port, where) out.</summary>
public class HostReferenceExtractorTests
{
    private static string Show(IReadOnlyList<HostReference> references, string value)
        => string.Join(" | ", references.Select(r => $"{r.Kind} {r.Display} '{value.Substring(r.Offset, r.Length)}'"));

    [Theory]
    // URLs of any scheme, with credentials, paths, and host lists.
    [InlineData("postgres://u:p@db:5432/x", "Url db:5432 'db:5432'")]
    [InlineData("http://api:8080/", "Url api:8080 'api:8080'")]
    [InlineData("http://api/health", "Url api 'api'")]
    [InlineData("amqp://guest:guest@rabbitmq:5672/vhost", "Url rabbitmq:5672 'rabbitmq:5672'")]
    [InlineData("amqp://rabbitmq", "Url rabbitmq 'rabbitmq'")]
    [InlineData("redis://:pw@cache:6379", "Url cache:6379 'cache:6379'")]
    [InlineData("redis://cache:6379/0", "Url cache:6379 'cache:6379'")]
    [InlineData("mongodb://a:b@h1:27017,h2:27018/db?replicaSet=rs0", "Url h1:27017 'h1:27017' | Url h2:27018 'h2:27018'")]
    [InlineData("jdbc:postgresql://db:5432/app", "Url db:5432 'db:5432'")]
    [InlineData("jdbc:sqlserver://mssql:1433;databaseName=x", "Url mssql:1433 'mssql:1433'")]
    [InlineData("http://[::1]:8080/", "Url [::1]:8080 '[::1]:8080'")]
    [InlineData("http://127.0.0.1:8080", "Url 127.0.0.1:8080 '127.0.0.1:8080'")]
    [InlineData("https://api.example.com/v1", "Url api.example.com 'api.example.com'")]
    [InlineData("PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:29092", "Url kafka:9092 'kafka:9092' | Url localhost:29092 'localhost:29092'")]
    [InlineData("curl -f http://web:3000/health && echo ok", "Url web:3000 'web:3000'")]
    [InlineData("tcp://docker:2375", "Url docker:2375 'docker:2375'")]
    // user:pass@host:port without a scheme (Go MySQL DSNs put the host in tcp(...)).
    [InlineData("app:secret@db:5432", "Credentials db:5432 'db:5432'")]
    [InlineData("root:pw@tcp(mysql:3306)/shop", "HostPort mysql:3306 'mysql:3306'")]
    // key=value connection strings.
    [InlineData("Host=db;Port=5432;Database=shop;Username=app", "ConnectionString db:5432 'db'")]
    [InlineData("host=db;port=5433", "ConnectionString db:5433 'db'")]
    [InlineData("Server=mssql,1433;Database=x;User Id=sa", "ConnectionString mssql:1433 'mssql,1433'")]
    [InlineData("Server=tcp:mssql,1433;Initial Catalog=x", "ConnectionString mssql:1433 'mssql,1433'")]
    [InlineData("Data Source=sql\\SQLEXPRESS;Initial Catalog=x", "ConnectionString sql 'sql'")]
    [InlineData("Server=mysql;Port=3306;Uid=root", "ConnectionString mysql:3306 'mysql'")]
    [InlineData("Address=seq:5341", "ConnectionString seq:5341 'seq:5341'")]
    [InlineData("addr=nats:4222", "ConnectionString nats:4222 'nats:4222'")]
    [InlineData("HostName=rabbit;UserName=guest", "ConnectionString rabbit 'rabbit'")]
    [InlineData("Hostname=rabbit", "ConnectionString rabbit 'rabbit'")]
    [InlineData("Endpoint=minio:9000", "ConnectionString minio:9000 'minio:9000'")]
    [InlineData("Contact Points=cass1,cass2;Port=9042", "ConnectionString cass1 'cass1' | ConnectionString cass2 'cass2'")]
    [InlineData("Host=pg1:5432,pg2:5432;Database=x", "ConnectionString pg1:5432 'pg1:5432' | ConnectionString pg2:5432 'pg2:5432'")]
    [InlineData("bootstrap.servers=kafka:9092", "ConnectionString kafka:9092 'kafka:9092'")]
    [InlineData("java -Dspring.redis.host=cache -jar app.jar", "ConnectionString cache 'cache'")]
    [InlineData("--host=db --port=5432", "ConnectionString db 'db'")]
    [InlineData("Host=127.0.0.1;Port=5432", "ConnectionString 127.0.0.1:5432 '127.0.0.1'")]
    [InlineData("Host=::1;Port=5432", "ConnectionString [::1]:5432 '::1'")]
    [InlineData("BlobEndpoint=http://azurite:10000/devstoreaccount1;AccountName=x", "Url azurite:10000 'azurite:10000'")]
    // Bare host:port and lists.
    [InlineData("db:5432", "HostPort db:5432 'db:5432'")]
    [InlineData("kafka-1:9092,kafka-2:9092", "HostPort kafka-1:9092 'kafka-1:9092' | HostPort kafka-2:9092 'kafka-2:9092'")]
    [InlineData("wait-for-it db:5432 -- npm start", "HostPort db:5432 'db:5432'")]
    [InlineData("--broker=kafka:9092", "HostPort kafka:9092 'kafka:9092'")]
    [InlineData("curl localhost:9200/_cluster/health", "HostPort localhost:9200 'localhost:9200'")]
    [InlineData("0.0.0.0:8000", "HostPort 0.0.0.0:8000 '0.0.0.0:8000'")]
    [InlineData("[::1]:5432", "HostPort [::1]:5432 '[::1]:5432'")]
    [InlineData("sshd:22", "HostPort sshd:22 'sshd:22'")]
    // Several patterns in one value: reported in order of position, whichever pattern found them first.
    [InlineData("Host=db;Port=5432; redis://cache:6379 mq:5672", "ConnectionString db:5432 'db' | Url cache:6379 'cache:6379' | HostPort mq:5672 'mq:5672'")]
    // A host list with one piece that is no host gives nothing for that field, and keeps what other patterns found.
    [InlineData("redis://cache:6379 Host=good,ba$d", "Url cache:6379 'cache:6379'")]
    public void Finds_host_references(string value, string expected)
        => Assert.Equal(expected, Show(HostReferenceExtractor.Extract(value), value));

    [Theory]
    [InlineData("/var/lib/postgresql/data")]
    [InlineData("./data:/var/lib/mysql")]
    [InlineData("/data:/data:ro")]
    [InlineData("key: value")]
    [InlineData("retries: 5")]
    [InlineData("{\"port\":5432}")]
    [InlineData("12:30")]
    [InlineData("at 12:30:45 every day")]
    [InlineData("2024-01-01T12:30:00Z")]
    [InlineData("1.2.3")]
    [InlineData("version 1.2.3:4567")]
    [InlineData("v1.2")]
    [InlineData("nginx:1.25")]
    [InlineData("postgres:16")]
    [InlineData("redis:7-alpine")]
    [InlineData("node:20")]
    [InlineData("mcr.microsoft.com/mssql/server:2022-latest")]
    [InlineData("docker.io/library/postgres:16")]
    [InlineData("registry:5000/team/app:1.2")]
    [InlineData("ghcr.io/org/app@sha256:0123456789abcdef")]
    [InlineData("1h30m")]
    [InlineData("00:01:30")]
    [InlineData("30s")]
    [InlineData("admin@example.com")]
    [InlineData("mailto:admin@example.com")]
    [InlineData("git@github.com:org/repo.git")]
    [InlineData("C:\\data\\app")]
    [InlineData("C:/data/app")]
    [InlineData("D:\\")]
    [InlineData("hello world")]
    [InlineData("--character-set-server=utf8mb4")]
    [InlineData("--auth-host=scram-sha-256")]
    [InlineData("production")]
    [InlineData("true")]
    [InlineData("8080:80")]
    [InlineData("127.0.0.1:8080:80")]
    [InlineData(":8080")]
    [InlineData("*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    [InlineData("PLAINTEXT://:9092")]
    [InlineData("file:///etc/app.conf")]
    [InlineData("unix:///var/run/docker.sock")]
    [InlineData("timeout:3000")]
    [InlineData("port:5432")]
    [InlineData("ratio=16:9")]
    [InlineData("Data Source=/data/app.db")]
    [InlineData("Data Source=:memory:")]
    [InlineData("Server=(localdb)\\MSSQLLocalDB")]
    [InlineData("Host=${DB_HOST};Port=5432")]
    [InlineData("postgres://u:p@${DB_HOST}:5432/x")]
    [InlineData("${PREFIX}db:5432")]
    [InlineData("http://$API_HOST:8080")]
    [InlineData("a=b;c=d")]
    [InlineData("x==y")]
    [InlineData("SELECT a FROM b WHERE c = 'd'")]
    [InlineData("ABC_DEF=ghi")]
    [InlineData("VirtualHost=web")]
    [InlineData("-XX:MaxRAMPercentage=75.0")]
    [InlineData("ns1:tag:value")]
    [InlineData("Host=good,ba$d")]
    public void Stays_silent_on_near_misses(string value)
        => Assert.Equal("", Show(HostReferenceExtractor.Extract(value), value));

    [Theory]
    [InlineData("DB_HOST", "orders-db", "HostVariable orders-db 'orders-db'")]
    [InlineData("REDIS_HOSTNAME", "cache", "HostVariable cache 'cache'")]
    [InlineData("SMTP_SERVER", "mailhog", "HostVariable mailhog 'mailhog'")]
    [InlineData("API_ADDR", "api:8080", "HostVariable api:8080 'api:8080'")]
    [InlineData("WORDPRESS_DB_HOST", "db:3306", "HostVariable db:3306 'db:3306'")]
    [InlineData("ES_HOST", "es1:9200,es2:9200", "HostVariable es1:9200 'es1:9200' | HostVariable es2:9200 'es2:9200'")]
    [InlineData("DB_HOST", "127.0.0.1", "HostVariable 127.0.0.1 '127.0.0.1'")]
    [InlineData("DB_HOST", "::1", "HostVariable [::1] '::1'")]
    [InlineData("DB_HOST", " db ", "HostVariable db 'db'")]
    [InlineData("DB_SERVER", "Server=db;Port=1433", "ConnectionString db:1433 'db'")]
    [InlineData("CONFIG_SERVER", "http://config:8888", "Url config:8888 'config:8888'")]
    public void Reads_variables_named_like_hosts(string name, string value, string expected)
        => Assert.Equal(expected, Show(HostReferenceExtractor.Extract(value, name), value));

    [Theory]
    [InlineData("DB_HOST", "true")]
    [InlineData("DB_HOST", "")]
    [InlineData("DB_HOST", "8080")]
    [InlineData("DB_HOST", "1.2")]
    [InlineData("DB_HOST", "some thing")]
    [InlineData("BIND_ADDR", "db")]
    [InlineData("LISTEN_ADDRESS", "web")]
    [InlineData("ALLOWED_HOSTS", "web")]
    [InlineData("VIRTUAL_HOST", "shop")]
    [InlineData("HOSTNAME", "web")]
    [InlineData("DB_NAME", "orders")]
    [InlineData("DB_HOST_FILE", "/run/secrets/host")]
    public void Ignores_other_variables(string name, string value)
        => Assert.Equal("", Show(HostReferenceExtractor.Extract(value, name), value));

    [Fact]
    public void A_host_variable_is_paired_with_its_port_variable()
    {
        var variables = new Dictionary<string, string> { ["DB_HOST"] = "orders-db", ["DB_PORT"] = "5433" };
        var reference = Assert.Single(HostReferenceExtractor.Extract("orders-db", "DB_HOST", name => variables.GetValueOrDefault(name)));
        Assert.Equal(new HostReference("orders-db", 5433, 0, 9, HostReferenceKind.HostVariable) { PortVariable = "DB_PORT" }, reference);
    }

    [Fact]
    public void A_port_written_with_the_host_wins_over_the_port_variable()
    {
        var reference = Assert.Single(HostReferenceExtractor.Extract("db:3306", "DB_HOST", _ => "5432"));
        Assert.Equal(3306, reference.Port);
        Assert.Null(reference.PortVariable);
    }

    [Fact]
    public void A_bad_port_variable_is_ignored()
        => Assert.Null(Assert.Single(HostReferenceExtractor.Extract("db", "DB_HOST", _ => "${PORT}")).Port);

    [Fact]
    public void References_are_equatable_records_with_the_port_position()
    {
        var reference = Assert.Single(HostReferenceExtractor.Extract("postgres://u:p@db:5432/x"));
        Assert.Equal(new HostReference("db", 5432, 15, 7, HostReferenceKind.Url) { Scheme = "postgres", PortOffset = 18, PortLength = 4 }, reference);
        var sql = Assert.Single(HostReferenceExtractor.Extract("Server=db;Port=1433"));
        Assert.Equal((15, 4), (sql.PortOffset, sql.PortLength));
    }

    [Theory]
    [InlineData("http://api/", 80)]
    [InlineData("https://api/", 443)]
    [InlineData("postgres://db/x", 5432)]
    [InlineData("redis://cache", 6379)]
    [InlineData("mongodb://mongo/db", 27017)]
    [InlineData("amqp://rabbit", 5672)]
    [InlineData("kafka://broker", null)]
    [InlineData("HTTPS://api/", 443)]
    [InlineData("Redis://cache", 6379)]
    public void The_effective_port_falls_back_to_the_scheme_default(string value, int? port)
        => Assert.Equal(port, Assert.Single(HostReferenceExtractor.Extract(value)).EffectivePort);

    [Theory]
    [InlineData("localhost", true, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("127.1.2.3", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("0.0.0.0", false, true)]
    [InlineData("10.0.0.1", false, true)]
    [InlineData("db", false, false)]
    public void Knows_loopback_and_ip_literals(string host, bool loopback, bool ip)
    {
        var reference = new HostReference(host, null, 0, host.Length, HostReferenceKind.HostVariable);
        Assert.Equal(loopback, reference.IsLoopback);
        Assert.Equal(ip, reference.IsIpLiteral);
        Assert.Equal(!ip && host.IndexOf('.') < 0, reference.IsSingleLabel);
    }

    [Theory]
    [InlineData("plain words only", null, false)]
    [InlineData("no/colon/or/equals/here", null, false)]
    [InlineData("orders-db", null, false)]
    [InlineData("orders-db", "DB_HOST", true)]
    [InlineData("db:5432", null, true)]
    [InlineData("Host=db", null, true)]
    public void The_cheap_test_rejects_values_without_structure(string value, string? name, bool may)
        => Assert.Equal(may, HostReferenceExtractor.MayContainHost(value, name));

    [Fact]
    public void Never_throws_on_odd_input()
    {
        var odd = new[]
        {
            ":", "=", "@", "://", "a://", "[", "]", "[:", "[::1", "[::1]:", "a:", ":1", "@:", "a@", "@b:1", "Host=", "Host=;", "Server=,", "Server=a,",
            "Data Source=\\", "x://[", "x://@", "x://a@", "x://a:99999", "a:99999", "a:0", "a:00080", "Host=\"db", "Host='db';Port=", "tcp:", "Server=tcp:",
            new string(':', 1000), new string('=', 1000), "a" + new string('.', 300) + ":8080", "h=" + new string('a', 300), "\0:\0", "é:8080", "db\u00e9:8080",
        };
        foreach (var value in odd)
        {
            HostReferenceExtractor.Extract(value);
            HostReferenceExtractor.Extract(value, "DB_HOST", _ => value);
        }
    }

    [Fact]
    public void Random_input_never_throws_and_stays_inside_the_value()
    {
        Gen.String[Gen.Char[":=@/.,;[]abcdb0123456789 \\-_${}\"'HostServer"], 0, 40].Sample(value =>
        {
            foreach (var reference in HostReferenceExtractor.Extract(value, "X_HOST", _ => "80"))
            {
                Assert.InRange(reference.Offset, 0, value.Length);
                Assert.InRange(reference.Offset + reference.Length, reference.Offset, value.Length);
                if (reference.PortOffset >= 0)
                    Assert.InRange(reference.PortOffset + reference.PortLength, 0, value.Length);
            }
        }, iter: 20000);
    }

    [Theory]
    [InlineData("Order {0} could not be saved: {1}")]
    [InlineData("yyyy-MM-ddTHH:mm:ss")]
    [InlineData(@"C:\temp\file.txt")]
    [InlineData("==== 1 = 2 ====")]
    [InlineData("{\"id\": 12}")]
    public void The_cheap_test_turns_away_colons_and_equals_signs_no_pattern_can_use(string value)
        => Assert.False(HostReferenceExtractor.MayContainHost(value));

    [Theory]
    [InlineData("http://api/")]
    [InlineData("cache:6379")]
    [InlineData("u:p@db:5432")]
    [InlineData("Host =db")]
    [InlineData("12:30")]
    public void The_cheap_test_lets_through_whatever_a_pattern_could_start_with(string value)
        => Assert.True(HostReferenceExtractor.MayContainHost(value));

    [Fact]
    public void The_cheap_test_never_turns_away_a_value_in_which_the_patterns_find_a_host()
    {
        // The analyzer of C# literals skips every value the cheap test rejects: it must reject only values without hosts.
        Gen.String[Gen.Char[":=@/.,;[]abcdb0123456789 \\-_${}\"'HostServer"], 0, 40].Sample(value =>
        {
            if (!HostReferenceExtractor.MayContainHost(value))
                Assert.Empty(HostReferenceExtractor.ScanPatterns(value));
        }, iter: 50000);
    }
}
