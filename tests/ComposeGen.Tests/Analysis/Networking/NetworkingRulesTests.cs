using ComposeGen.Analysis.Networking;
using ComposeGen.Parsing;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.Networking;

/// <summary>Every CG3xxx rule: where it fires (message, line, column) and the near-misses where it must stay silent.</summary>
public class NetworkingRulesTests
{
    private static List<ComposeProblem> Check(string yaml, string id, IReadOnlyDictionary<string, string>? variables = null)
    {
        var project = TestCompose.Load(yaml, variables).Project;
        return NetworkingRules.All.SelectMany(rule => rule.Check(project)).Where(p => p.Id == id).ToList();
    }

    private static ComposeProblem Single(string yaml, string id, IReadOnlyDictionary<string, string>? variables = null)
    {
        var problems = Check(yaml, id, variables);
        Assert.True(problems.Count == 1, $"expected one {id}, got:\n" + string.Join("\n", problems));
        return problems[0];
    }

    /// <summary>The problem starts at <paramref name="text"/> on 1-based <paramref name="line"/> of the YAML and covers exactly it.</summary>
    private static void AssertAt(ComposeProblem problem, string yaml, int line, string text)
    {
        var lineText = yaml.Replace("\r\n", "\n").Split('\n')[line - 1];
        var column = lineText.IndexOf(text, StringComparison.Ordinal) + 1;
        Assert.True(column > 0, $"'{text}' is not on line {line}: {lineText}");
        Assert.Equal((line, column), (problem.Span.StartLine, problem.Span.StartColumn));
        Assert.Equal(text.Length, problem.Span.Length);
        Assert.Equal((line, column + text.Length), (problem.Span.EndLine, problem.Span.EndColumn));
    }

    // ---------------------------------------------------------------- CG3001

    private const string Ledger = """
        services:
          gateway:
            image: gw
            networks: [public]
            environment:
              LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger
          ledger-db:
            image: postgres
            networks: [private, analytics]
        networks: {public: {}, private: {}, analytics: {}}
        """;

    [Fact]
    public void CG3001_fires_when_the_services_share_no_network()
    {
        var problem = Single(Ledger, "CG3001");
        Assert.Equal("service 'gateway' refers to 'ledger-db:5432', but they share no network: gateway is on [public], ledger-db is on [private, analytics]", problem.Message);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal((6, 37), (problem.Span.StartLine, problem.Span.StartColumn));
        AssertAt(problem, Ledger, 6, "ledger-db:5432");
    }

    [Fact]
    public void CG3001_locates_the_host_in_a_quoted_value()
    {
        var yaml = Ledger.Replace("LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger", "LEDGER_URL: \"postgres://app:pw@ledger-db:5432/ledger\"");
        AssertAt(Single(yaml, "CG3001"), yaml, 6, "ledger-db:5432");
        var single = Ledger.Replace("LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger", "LEDGER_URL: 'postgres://app:pw@ledger-db:5432/ledger'");
        AssertAt(Single(single, "CG3001"), single, 6, "ledger-db:5432");
    }

    [Fact]
    public void CG3001_locates_the_host_in_a_list_form_environment()
    {
        var yaml = Ledger.Replace("LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger", "- LEDGER_URL=postgres://app:pw@ledger-db:5432/ledger");
        AssertAt(Single(yaml, "CG3001"), yaml, 6, "ledger-db:5432");
        var quoted = Ledger.Replace("LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger", "- \"LEDGER_URL=postgres://app:pw@ledger-db:5432/ledger\"");
        AssertAt(Single(quoted, "CG3001"), quoted, 6, "ledger-db:5432");
    }

    [Fact]
    public void CG3001_locates_the_host_after_an_interpolated_part()
    {
        var yaml = Ledger.Replace("postgres://app:pw@", "postgres://${DB_USER}:pw@");
        AssertAt(Single(yaml, "CG3001", new Dictionary<string, string> { ["DB_USER"] = "a-much-longer-user" }), yaml, 6, "ledger-db:5432");
    }

    [Fact]
    public void CG3001_falls_back_to_the_whole_value_when_escapes_or_lines_make_the_mapping_uncertain()
    {
        var escaped = Ledger.Replace("LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger", "LEDGER_URL: \"postgres://app:p\\u0077@ledger-db:5432/ledger\"");
        AssertAt(Single(escaped, "CG3001"), escaped, 6, "\"postgres://app:p\\u0077@ledger-db:5432/ledger\"");

        var block = Ledger.Replace("LEDGER_URL: postgres://app:pw@ledger-db:5432/ledger", "LEDGER_URL: >-\n        postgres://app:pw@ledger-db:5432/ledger");
        var problem = Single(block, "CG3001");
        Assert.Equal((6, 19), (problem.Span.StartLine, problem.Span.StartColumn)); // the block scalar's indicator
    }

    [Fact]
    public void CG3001_fires_in_command_entrypoint_and_healthcheck()
    {
        var yaml = """
            services:
              api:
                image: api
                networks: [front]
                command: ["wait-for-it", "db:5432", "--", "serve"]
                entrypoint: /entry.sh --cache redis://cache:6379
                healthcheck:
                  test: curl -f http://search:9200/
              db: {image: postgres, networks: [back]}
              cache: {image: redis, networks: [back]}
              search: {image: elasticsearch, networks: [back]}
            networks: {front: {}, back: {}}
            """;
        var problems = Check(yaml, "CG3001");
        Assert.Equal(3, problems.Count);
        AssertAt(problems[0], yaml, 5, "db:5432");
        AssertAt(problems[1], yaml, 6, "cache:6379");
        AssertAt(problems[2], yaml, 8, "search:9200");
    }

    [Fact]
    public void CG3001_fires_for_an_alias_used_from_another_network()
    {
        var yaml = """
            services:
              db:
                image: postgres
                networks:
                  back: {aliases: [database]}
              web:
                image: web
                networks: [front]
                environment: {DB_HOST: database}
            networks: {back: {}, front: {}}
            """;
        var problem = Single(yaml, "CG3001");
        Assert.Equal("service 'web' refers to 'database', an alias of 'db' only on [back], a network web is not on: web is on [front]", problem.Message);
        AssertAt(problem, yaml, 9, "database");
    }

    [Fact]
    public void CG3001_fires_from_a_host_network_service_and_for_a_service_in_another_stack()
    {
        var yaml = """
            services:
              agent:
                image: agent
                network_mode: host
                environment: {API_HOST: api}
              api: {image: api}
              vpn: {image: gluetun}
              torrent: {image: qbittorrent, network_mode: "service:vpn"}
              ui:
                image: ui
                environment: {TORRENT_URL: "http://torrent:8080"}
            """;
        var problems = Check(yaml, "CG3001");
        Assert.Equal(2, problems.Count);
        Assert.Equal("service 'agent' refers to 'api', but agent uses network_mode: host: it is on no compose network, so compose names do not resolve in it", problems[0].Message);
        AssertAt(problems[0], yaml, 5, "api");
        Assert.Equal("service 'ui' refers to 'torrent:8080', but 'torrent' runs in the network stack of 'vpn' (network_mode: service:vpn) and has no name of its own on any network; use 'vpn'", problems[1].Message);
        AssertAt(problems[1], yaml, 11, "torrent:8080");
    }

    [Fact]
    public void CG3001_stays_silent_on_the_implicit_default_network_aliases_on_a_shared_network_and_links()
    {
        Assert.Empty(Check("services:\n  api:\n    image: api\n    environment: {DATABASE_URL: \"postgres://u:p@db:5432/x\"}\n  db: {image: postgres}\n", "CG3001"));
        Assert.Empty(Check("""
            services:
              db:
                image: postgres
                networks:
                  back: {aliases: [database]}
              api:
                image: api
                networks: [back]
                environment: {DB_HOST: database}
              web:
                image: web
                links: ["db:ledger"]
                networks: [back]
                environment: {LEDGER: "ledger:5432"}
              torrent: {image: q, network_mode: "service:api"}
              ui: {image: ui, networks: [back], environment: {VPN: "api:8080"}}
            networks: {back: {}}
            """, "CG3001"));
    }

    // ---------------------------------------------------------------- CG3002

    [Fact]
    public void CG3002_fires_for_an_unknown_single_label_host_with_did_you_mean()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  DB_HOST: order-db
                  DB_PORT: "5432"
              orders-db: {image: postgres}
            """;
        var problem = Single(yaml, "CG3002");
        Assert.Equal("service 'api' refers to 'order-db:5432', but 'order-db' is no name compose resolves (a service, container_name, network alias or link); did you mean 'orders-db'?", problem.Message);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal((5, 16), (problem.Span.StartLine, problem.Span.StartColumn));
        AssertAt(problem, yaml, 5, "order-db");
    }

    [Fact]
    public void CG3002_without_a_close_name_gives_no_suggestion()
    {
        var yaml = "services:\n  api:\n    image: api\n    command: curl http://elasticsearch:9200/\n";
        var problem = Single(yaml, "CG3002");
        Assert.EndsWith("(a service, container_name, network alias or link)", problem.Message);
        AssertAt(problem, yaml, 4, "elasticsearch:9200");
    }

    [Fact]
    public void CG3002_suggests_a_link_alias_of_the_referring_service()
        => Assert.EndsWith("did you mean 'ledger'?", Single("services:\n  db: {image: postgres}\n  api: {image: api, links: [\"db:ledger\"], environment: {L: \"ledgr:5432\"}}\n", "CG3002").Message);

    [Theory]
    [InlineData("URL: https://api.example.com/v1")] // dotted: real DNS
    [InlineData("DB_HOST: 10.0.0.5")] // IP literal
    [InlineData("DB_HOST: host.docker.internal")]
    [InlineData("DB_HOST: localhost")]
    [InlineData("PROXY: gateway.docker.internal:3128")]
    [InlineData("LEGACY: legacy:5432")] // external link alias
    [InlineData("DB_HOST: orders-db")] // a service
    [InlineData("DB_HOST: shop-db")] // a container_name
    [InlineData("DB_HOST: app-orders-db-1")] // compose's generated container name (project "app")
    [InlineData("SCRIPT: \"curl http://unknownx:8080 -H X:$${TOKEN}\"")] // still holds ${: resolved in the container
    [InlineData("DB_HOST: ${DB_HOST:-}")] // interpolated to nothing
    public void CG3002_stays_silent_on_names_it_cannot_judge_or_that_resolve(string variable)
        => Assert.Empty(Check($"services:\n  api:\n    image: api\n    external_links: [\"old_db:legacy\"]\n    environment:\n      {variable}\n  orders-db: {{image: postgres, container_name: shop-db}}\n", "CG3002"));

    [Fact]
    public void CG3002_stays_silent_for_a_service_on_an_external_network()
        => Assert.Empty(Check("services:\n  api: {image: api, networks: [proxy, default], environment: {DB_HOST: shared-postgres}}\nnetworks:\n  proxy: {external: true}\n", "CG3002"));

    // ---------------------------------------------------------------- CG3003

    [Fact]
    public void CG3003_fires_for_the_published_host_port_used_from_inside_the_network()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  DATABASE_URL: postgres://app:pw@db:15432/shop
              db:
                image: postgres:16
                ports: ["15432:5432"]
            """;
        var problem = Single(yaml, "CG3003");
        Assert.Equal("service 'api' refers to 'db:15432', but 'db' listens on [5432]; 15432 is the port 'db' publishes on the host, other containers reach it on its container port 5432 ('db:5432')", problem.Message);
        AssertAt(problem, yaml, 5, "15432");
    }

    [Fact]
    public void CG3003_uses_the_image_default_when_the_target_declares_nothing()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  REDIS_HOST: cache
                  REDIS_PORT: 6380
              cache: {image: "redis:7-alpine"}
            """;
        var problem = Single(yaml, "CG3003");
        Assert.Equal("service 'api' refers to 'cache:6380', but 'cache' listens on [6379] (the redis image's default)", problem.Message);
        AssertAt(problem, yaml, 6, "6380"); // on the port variable
    }

    [Fact]
    public void CG3003_reports_a_scheme_default_port_on_the_host()
    {
        var yaml = "services:\n  web:\n    image: web\n    environment: {API: \"http://api/v1\"}\n  api:\n    build: ./api\n    expose: [3000]\n";
        var problem = Single(yaml, "CG3003");
        Assert.Equal("service 'web' refers to 'api' (port 80, the default for http), but 'api' listens on [3000]", problem.Message);
        AssertAt(problem, yaml, 4, "api");
    }

    [Fact]
    public void CG3003_checks_ports_of_a_connection_string_and_of_a_sql_server_address()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  ConnectionStrings__Orders: "Server=mssql,1434;Database=orders;User Id=sa"
                  ConnectionStrings__Cache: "Host=db;Port=5433"
              mssql: {image: mcr.microsoft.com/mssql/server:2022-latest}
              db: {image: postgres, expose: [5432]}
            """;
        var problems = Check(yaml, "CG3003");
        Assert.Equal(2, problems.Count);
        AssertAt(problems[0], yaml, 5, "1434");
        Assert.Contains("'mssql' listens on [1433] (the sqlserver image's default)", problems[0].Message);
        AssertAt(problems[1], yaml, 6, "5433");
    }

    [Theory]
    [InlineData("postgres://u:p@db:5432/x", "image: postgres")] // the right port
    [InlineData("db:8080", "image: some/unknown-image")] // nothing known: silent
    [InlineData("db:8080", "build: ./db")] // built: image name says nothing
    [InlineData("db:5433", "{image: postgres, command: postgres -p 5433}")] // the target's command moves the port
    [InlineData("db:5433", "{image: postgres, environment: {PGPORT: 5433}}")] // and so does its environment
    [InlineData("db:15672", "image: rabbitmq:3-management")] // a known extra port of the image
    [InlineData("db:9000", "{image: postgres, expose: [9000]}")] // declared
    [InlineData("db:9000", "{image: x, ports: [\"9000-9001:9000-9001\"]}")] // declared in a range
    [InlineData("localhost:8080", "image: postgres")] // not a reference to db
    public void CG3003_stays_silent_when_the_port_is_right_or_unknowable(string value, string db)
        => Assert.Empty(Check($"services:\n  api:\n    image: api\n    environment: {{X: \"{value}\"}}\n  db:\n    {db}\n", "CG3003"));

    [Fact]
    public void CG3003_counts_the_ports_of_services_sharing_the_target_stack()
        => Assert.Empty(Check("services:\n  api:\n    image: api\n    environment: {X: \"vpn:8080\"}\n  vpn: {image: gluetun, expose: [8888]}\n  torrent: {image: q, network_mode: \"service:vpn\", expose: [8080]}\n", "CG3003"));

    // ---------------------------------------------------------------- CG3004

    [Fact]
    public void CG3004_fires_for_a_target_with_host_or_none_networking()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  METRICS: http://node-exporter:9100/metrics
                  BATCH_HOST: batch
              node-exporter: {image: prom/node-exporter, network_mode: host}
              batch: {image: batch, network_mode: none}
            """;
        var problems = Check(yaml, "CG3004");
        Assert.Equal(2, problems.Count);
        Assert.Equal("service 'api' refers to 'node-exporter:9100', but 'node-exporter' uses network_mode: host: it is on no compose network, so its name does not resolve; reach it through the host (host.docker.internal:9100)", problems[0].Message);
        AssertAt(problems[0], yaml, 5, "node-exporter:9100");
        Assert.Equal("service 'api' refers to 'batch', but 'batch' uses network_mode: none: it has no network at all", problems[1].Message);
        AssertAt(problems[1], yaml, 6, "batch");
        Assert.Equal(ProblemSeverity.Warning, problems[0].Severity);
    }

    [Fact]
    public void CG3004_stays_silent_for_targets_on_networks_and_for_host_docker_internal()
        => Assert.Empty(Check("services:\n  api:\n    image: api\n    environment: {A: \"http://web:80\", B: \"http://host.docker.internal:9100\"}\n  web: {image: nginx}\n  exporter: {image: e, network_mode: host}\n", "CG3004"));

    // ---------------------------------------------------------------- CG3005

    [Fact]
    public void CG3005_fires_for_the_same_host_port_in_two_services()
    {
        var yaml = """
            services:
              web:
                image: nginx
                ports: ["8080:80"]
              api:
                image: api
                ports:
                  - "8080:3000"
            """;
        var problem = Single(yaml, "CG3005");
        Assert.Equal("service 'api' publishes host port 8080/tcp, but service 'web' already publishes it ('8080:80', line 4): the second container fails to start (port is already allocated)", problem.Message);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        AssertAt(problem, yaml, 8, "\"8080:3000\"");
    }

    [Fact]
    public void CG3005_fires_within_one_service_and_inside_an_expanded_range()
    {
        var yaml = "services:\n  web:\n    image: nginx\n    ports:\n      - 8000-8002:8000-8002\n      - 8001:9000\n";
        var problem = Single(yaml, "CG3005");
        Assert.StartsWith("service 'web' publishes host port 8001/tcp, but it already publishes it ('8001:8001', line 5)", problem.Message);
        AssertAt(problem, yaml, 6, "8001:9000");
    }

    [Theory]
    [InlineData("\"8080:80\"", "\"127.0.0.1:8080:80\"")] // empty host ip is 0.0.0.0 and :: — clashes with everything
    [InlineData("\"0.0.0.0:8080:80\"", "\"127.0.0.1:8080:80\"")]
    [InlineData("\"127.0.0.1:8080:80\"", "\"127.0.0.1:8080:80\"")]
    [InlineData("\"[::]:8080:80\"", "\"[::1]:8080:80\"")]
    [InlineData("\"8080:80/udp\"", "{target: 53, published: 8080, protocol: udp}")]
    public void CG3005_clashing_host_addresses(string first, string second)
        => Assert.Single(Check($"services:\n  a: {{image: a, ports: [{first}]}}\n  b: {{image: b, ports: [{second}]}}\n", "CG3005"));

    [Theory]
    [InlineData("\"127.0.0.1:8080:80\"", "\"127.0.0.2:8080:80\"")] // different specific addresses
    [InlineData("\"8080:80\"", "\"8080:80/udp\"")] // different protocols
    [InlineData("\"8080:80\"", "\"8081:80\"")]
    [InlineData("\"0.0.0.0:8080:80\"", "\"[::1]:8080:80\"")] // IPv4 wildcard vs an IPv6 address
    [InlineData("\"80\"", "\"80\"")] // not published on a fixed host port
    public void CG3005_stays_silent_when_the_bindings_do_not_overlap(string first, string second)
        => Assert.Empty(Check($"services:\n  a: {{image: a, ports: [{first}]}}\n  b: {{image: b, ports: [{second}]}}\n", "CG3005"));

    [Fact]
    public void CG3005_stays_silent_for_services_in_profiles_that_never_run_together()
        => Assert.Empty(Check("services:\n  a: {image: a, ports: [\"8080:80\"], profiles: [dev]}\n  b: {image: b, ports: [\"8080:80\"], profiles: [prod]}\n", "CG3005"));

    [Fact]
    public void CG3005_fires_for_a_fixed_host_port_with_several_replicas()
    {
        var yaml = "services:\n  web:\n    image: nginx\n    deploy: {replicas: 3}\n    ports: [\"8080:80\"]\n";
        var problem = Single(yaml, "CG3005");
        Assert.StartsWith("service 'web' publishes host port 8080/tcp but runs 3 replicas", problem.Message);
        AssertAt(problem, yaml, 5, "\"8080:80\"");
    }

    // ---------------------------------------------------------------- CG3006

    [Fact]
    public void CG3006_fires_for_localhost_used_to_reach_another_service()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  DATABASE_URL: postgres://app:pw@localhost:5432/shop
              db:
                image: postgres
                ports: ["5432:5432"]
            """;
        var problem = Single(yaml, "CG3006");
        Assert.Equal("service 'api' refers to 'localhost:5432', but inside a container localhost is the container itself; 'db' listens on 5432: use 'db:5432'", problem.Message);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        AssertAt(problem, yaml, 5, "localhost:5432");
    }

    [Fact]
    public void CG3006_fires_for_127_0_0_1_in_a_connection_string_and_for_a_host_variable()
    {
        var yaml = """
            services:
              api:
                image: api
                environment:
                  ConnectionStrings__Cache: "Host=127.0.0.1;Port=6379"
                  MQ_HOST: ::1
                  MQ_PORT: 5672
              cache: {image: redis}
              mq: {image: rabbitmq}
            """;
        var problems = Check(yaml, "CG3006");
        Assert.Equal(2, problems.Count);
        AssertAt(problems[0], yaml, 5, "127.0.0.1");
        Assert.EndsWith("'cache' listens on 6379: use 'cache:6379'", problems[0].Message);
        AssertAt(problems[1], yaml, 6, "::1");
    }

    [Theory]
    [InlineData("healthcheck: {test: \"pg_isready -h localhost -p 5432\"}", "")] // a healthcheck probes its own container
    [InlineData("healthcheck: {test: [\"CMD\", \"curl\", \"http://localhost:5432\"]}", "")]
    [InlineData("environment: {SELF: \"http://localhost:8080\"}", "expose: [8080]")] // its own port
    [InlineData("environment: {SELF: \"http://localhost:8080\", PORT: \"8080\"}", "")] // its own port, configured
    [InlineData("environment: {OTHER: \"localhost:7777\"}", "")] // no service listens there
    [InlineData("environment: {DB_HOST: localhost}", "")] // no port to judge by
    [InlineData("environment: {REACT_APP_API: \"http://localhost:5432\"}", "")] // read by a browser
    [InlineData("environment: {API: \"http://localhost:8081\"}", "")] // published as 8081 on the host: may be for a browser
    [InlineData("{network_mode: host, environment: {DB: \"postgres://localhost:5432\"}}", "")] // localhost is the host
    public void CG3006_stays_silent_when_localhost_is_right_or_undecidable(string api, string apiExtra)
    {
        var yaml = $"services:\n  api:\n    image: api\n    {api}\n    {(apiExtra.Length > 0 ? apiExtra : "restart: always")}\n  db: {{image: postgres}}\n  web: {{image: web, ports: [\"8081:8081\"]}}\n";
        if (api.StartsWith('{'))
            yaml = $"services:\n  api: {api.Replace("{network_mode", "{image: api, network_mode")}\n  db: {{image: postgres, ports: [\"5432:5432\"]}}\n";
        Assert.Empty(Check(yaml, "CG3006"));
    }

    // ---------------------------------------------------------------- CG3007

    [Fact]
    public void CG3007_fires_for_ports_under_host_networking()
    {
        var yaml = "services:\n  monitor:\n    image: netdata\n    network_mode: host\n    ports:\n      - \"19999:19999\"\n      - 8125:8125/udp\n";
        var problems = Check(yaml, "CG3007");
        Assert.Equal(2, problems.Count);
        Assert.Equal("service 'monitor' publishes '19999:19999' under network_mode: host, where docker ignores 'ports': the container listens on the host's ports directly", problems[0].Message);
        AssertAt(problems[0], yaml, 6, "\"19999:19999\"");
        AssertAt(problems[1], yaml, 7, "8125:8125/udp");
        Assert.Contains("'8125:8125/udp'", problems[1].Message);
    }

    [Fact]
    public void CG3007_stays_silent_without_host_networking_and_once_per_range()
    {
        Assert.Empty(Check("services:\n  monitor: {image: netdata, ports: [\"19999:19999\"]}\n  sidecar: {image: s, network_mode: \"service:monitor\"}\n", "CG3007"));
        Assert.Single(Check("services:\n  m: {image: m, network_mode: host, ports: [\"9000-9009:9000-9009\"]}\n", "CG3007"));
    }

    // ---------------------------------------------------------------- CG3008

    [Fact]
    public void CG3008_fires_for_a_service_addressed_by_its_hostname()
    {
        var yaml = """
            services:
              db:
                image: postgres
                hostname: database
              api:
                image: api
                environment:
                  DATABASE_URL: postgres://u:p@database:5432/x
            """;
        var problem = Single(yaml, "CG3008");
        Assert.Equal("service 'api' refers to 'database:5432', the hostname of service 'db', which other containers cannot resolve (compose registers the service name, not 'hostname:'); use 'db:5432'", problem.Message);
        AssertAt(problem, yaml, 8, "database:5432");
        Assert.Empty(Check(yaml, "CG3002")); // reported once, as CG3008
    }

    [Fact]
    public void CG3008_fires_for_a_dotted_hostname_too()
        => Assert.Single(Check("services:\n  mail: {image: mailhog, hostname: mail.shop.local}\n  api: {image: api, environment: {SMTP_HOST: mail.shop.local}}\n", "CG3008"));

    [Theory]
    [InlineData("services:\n  db: {image: postgres, hostname: database, environment: {SELF: \"database:5432\"}}\n")] // inside itself
    [InlineData("services:\n  db: {image: postgres, hostname: database, networks: {default: {aliases: [database]}}}\n  api: {image: api, environment: {X: \"database:5432\"}}\n")] // also an alias
    [InlineData("services:\n  db: {image: postgres, hostname: db}\n  api: {image: api, environment: {X: \"db:5432\"}}\n")] // the same as the service name
    public void CG3008_stays_silent_when_the_name_does_resolve(string yaml)
        => Assert.Empty(Check(yaml, "CG3008"));

    // ---------------------------------------------------------------- CG3009

    [Fact]
    public void CG3009_fires_for_ports_on_a_service_only_on_internal_networks()
    {
        var yaml = """
            services:
              db:
                image: postgres
                networks: [back, vault]
                ports:
                  - 5432:5432
            networks:
              back: {internal: true}
              vault: {internal: true}
            """;
        var problem = Single(yaml, "CG3009");
        Assert.Equal("service 'db' publishes '5432:5432', but it is attached only to internal networks [back, vault], so the port is not reachable from the host", problem.Message);
        AssertAt(problem, yaml, 6, "5432:5432");
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
    }

    [Fact]
    public void CG3009_stays_silent_when_one_network_is_not_internal()
        => Assert.Empty(Check("services:\n  db: {image: postgres, networks: [back, front], ports: [\"5432:5432\"]}\nnetworks:\n  back: {internal: true}\n  front: {}\n", "CG3009"));

    // ---------------------------------------------------------------- all

    [Fact]
    public void Every_rule_declares_its_id_and_all_nine_are_listed()
    {
        Assert.Equal(
            new[] { "CG3001", "CG3002", "CG3003", "CG3004", "CG3005", "CG3006", "CG3007", "CG3008", "CG3009" },
            NetworkingRules.All.SelectMany(r => r.Ids));
        var yaml = """
            services:
              a: {image: a, network_mode: host, ports: ["1:1"], environment: {X: "b:5432", Y: "localhost:6379", Z: "h:1234", W: "c:1", V: "dd:9999"}}
              b: {image: b, network_mode: none}
              c: {image: postgres, hostname: h, networks: [i], ports: ["1:1", "1:1"]}
              e: {image: redis}
            networks: {i: {internal: true}}
            """;
        var project = TestCompose.Load(yaml).Project;
        foreach (var rule in NetworkingRules.All)
        {
            foreach (var problem in rule.Check(project))
                Assert.Contains(problem.Id, rule.Ids);
        }
    }

    [Fact]
    public void The_rules_never_throw_on_odd_models()
    {
        var odd = new[]
        {
            "services: {}\n",
            "services:\n  a: {image: a, network_mode: \"service:a\", environment: {X: \"a:1\"}}\n",
            "services:\n  a: {image: a, network_mode: \"service:missing\", environment: {X: \"b:80\"}}\n  b: {image: b, network_mode: \"service:a\"}\n",
            "services:\n  a: {image: a, networks: [missing], environment: {X: \"b:80\", DB_HOST: \"\", Y_HOST: \"${U}\"}}\n  b: {image: b, network_mode: \"\"}\n",
            "services:\n  a: {image: a, links: [\"missing:x\"], environment: {X: \"x:80\"}}\n",
            "services:\n  a:\n    image: a\n    command: \"\"\n    entrypoint: []\n    healthcheck: {disable: true, test: \"curl b:80\"}\n    environment: [\"=x\", \"A\", \"B=\"]\n",
        };
        foreach (var yaml in odd)
        {
            var project = TestCompose.Load(yaml).Project;
            foreach (var rule in NetworkingRules.All)
                _ = rule.Check(project).ToList();
        }
    }
}
