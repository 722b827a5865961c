using Microsoft.CodeAnalysis;
using static ComposeGen.Tests.Analysis.CSharp.HostLiteralAnalyzerTest;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>CG5001–CG5003 on C# string literals: each rule firing, located on the host inside the literal, and the near-misses staying silent.</summary>
public class HostLiteralAnalyzerTests
{
    [Fact]
    public Task CG5001_typo_in_a_connection_string_with_did_you_mean()
        => VerifyCode("""
            class C
            {
                string S = "Host={|#0:ordres-db|};Port=5432";
            }
            """, Shop,
            Diagnostic("CG5001").WithLocation(0).WithMessage("'ordres-db:5432' names 'ordres-db', which is no name compose resolves in compose.yaml (a service, container_name or network alias); did you mean 'orders-db'?"));

    [Fact]
    public Task CG5001_span_is_mapped_through_escapes_verbatim_and_raw_literals()
        => VerifyCode(""""
            class C
            {
                string A = "\tHost={|CG5001:ordres-db|};Port=5432";
                string B = "\u0048ost={|CG5001:ordres-db|};Port=5432";
                string D = @"C:\data;Host={|CG5001:ordres-db|};Port=5432";
                string E = @"say ""hi"";Host={|CG5001:ordres-db|}";
                string F = """Host={|CG5001:ordres-db|};Port=5432""";
                string G = "\x48ost={|CG5001:ordres-db|}";
                string H = {|CG5001:"""
                    Host=ordres-db;Port=5432
                    """|};
            }
            """", Shop);

    [Fact]
    public Task CG5001_in_the_text_of_an_interpolated_string()
        => VerifyCode("""
            class C
            {
                static string P = "x";
                string A = $"Host={|CG5001:ordres-db|};Password={P}";
                string B = $@"Host={|CG5001:ordres-db|};Password={P};Path=C:\x";
                string D = $"redis://{|CG5001:cahce|}:6379/{{0}}";
            }
            """, Shop);

    [Fact]
    public Task CG5001_in_an_attribute_argument_and_a_const()
        => VerifyCode("""
            [System.Obsolete("use redis://{|CG5001:cahce|}:6379")]
            class C
            {
                const string Url = "redis://{|CG5001:cahce|}:6379";
            }
            """, Shop);

    [Fact]
    public Task Constant_concatenations_are_checked_as_a_whole()
        => VerifyCode("""
            class C
            {
                const string CacheHost = "cahce";
                const string Good = "cache";
                const string Url = "redis://" + {|CG5001:CacheHost|} + ":6379";
                const string Split = "redis://ca" + "che:6379";
                const string Fine = "redis://" + Good + ":6379";
                const string Inside = "Host={|CG5001:ordres-db|};" + "Port=5432";
                [System.Obsolete("Host=" + {|CG5002:Ledger|})] void M() { }
                const string Ledger = "ledger";
                string NotConstant = "redis://" + CacheHost + ":6379";
            }
            """, Shop);

    [Fact]
    public Task CG5001_for_a_hostname_value_suggests_the_service_name()
        => VerifyCode("""
            class C
            {
                string S = "redis://{|#0:cache-host|}:6379";
            }
            """, Shop,
            Diagnostic("CG5001").WithLocation(0).WithMessage("'cache-host:6379' names 'cache-host', the hostname: of service 'cache', which other containers cannot resolve; use the service name 'cache'"));

    [Fact]
    public Task CG5001_bare_host_port_needs_a_typo_of_a_known_name()
        => VerifyCode("""
            class C
            {
                string Typo = "{|CG5001:cahce|}:6379";
                string CacheKey = "order:12345";
                string Label = "user:1000";
            }
            """, Shop);

    [Fact]
    public Task CG5002_service_on_no_shared_network_names_both_sides_networks()
        => VerifyCode("""
            class C
            {
                string S = "Host={|#0:ledger|};Port=5432";
            }
            """, Shop,
            Diagnostic("CG5002").WithLocation(0).WithMessage("'ledger:5432' names service 'ledger', which this project's service 'api' cannot reach: they share no network (api is on [public, data], ledger is on [private])"));

    [Fact]
    public Task CG5002_uses_the_ComposeService_property()
        => VerifyCode("""
            class C
            {
                string S = "Host={|CG5002:orders-db|};Port=5432;Timeout=3;Username=x";
                string Web = "http://frontend:80/";
            }
            """, Shop, "web");

    [Fact]
    public Task CG5002_not_reported_when_this_project_is_no_service()
        => VerifyCode("""
            class C
            {
                string S = "Host=ledger;Port=5432 and more";
                string R = "http://reports:8080/x";
                string Typo = "Host={|CG5001:ledgr|};Port=5432 still checked";
            }
            """, """
            services:
              reports:
                build: ./Reports
                networks: [a]
              ledger:
                image: postgres:16
                networks: [b]
            networks:
              a:
              b:
            """);

    [Fact]
    public Task CG5003_connection_strings_and_endpoints_spelled_out()
        => VerifyCode("""
            class C
            {
                string Pg = {|#0:"Host=orders-db;Port=5432;Username=shop;Password=secret;Database=orders"|};
                string Redis = {|#1:"redis://cache:6379"|};
                string Bare = {|#2:"cache:6379"|};
            }
            """, Shop,
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(0).WithMessage("'Host=orders-db;Port=5432;Username=shop;Password=secret;Da...' spells out what the generated 'Compose.Services.OrdersDb.ConnectionString' provides (from compose.yaml); use the generated member"),
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(1).WithArguments().WithMessage("'redis://cache:6379' spells out what the generated 'Compose.Services.Cache.ConnectionString' provides (from compose.yaml); use the generated member"),
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(2));

    [Fact]
    public Task CG5003_endpoint_of_a_service_without_a_connection_string()
        => VerifyCode("""
            class C
            {
                string Worker = {|#0:"worker:8080"|};
                string Status = "http://worker:8080/status";
            }
            """, """
            services:
              api:
                build: ./Shop.Api
              worker:
                image: shop/worker:1
                expose: ["8080"]
            """,
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(0).WithMessage("'worker:8080' spells out what the generated 'Compose.Services.Worker.Endpoints.Http.HostAndPort' provides (from compose.yaml); use the generated member"));

    [Fact]
    public Task CG5003_names_the_member_the_whole_project_gives_a_service_even_when_only_that_service_is_named()
        // orders-db and orders_db both become OrdersDb; the generator numbers the second OrdersDb2. The analyzer builds
        // the API of the named service only, so this checks that its identifier still comes from the whole project.
        => VerifyCode("""
            class C
            {
                string Pg = {|#0:"redis://orders_db:6379"|};
            }
            """, """
            services:
              api:
                build: ./Shop.Api
              orders-db:
                image: postgres:16
              orders_db:
                image: redis:7
            """,
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(0).WithMessage("'redis://orders_db:6379' spells out what the generated 'Compose.Services.OrdersDb2.ConnectionString' provides (from compose.yaml); use the generated member"));

    [Fact]
    public Task One_value_written_in_several_places_is_reported_in_each_by_its_own_syntax()
        // The analyzer judges a value once per compose project (CodeHostModel.FindingsOf) and places it per literal:
        // CG5003 only where a generated property can replace the literal, CG5001 wherever the host is whole.
        => VerifyCode("""
            class C
            {
                const string Pinned = "redis://cache:6379";
                string A = {|#0:"redis://cache:6379"|};
                string B = {|#1:"redis://cache:6379"|};
                static string P = "x";
                string D = $"redis://cache:6379/{P}";
                string T1 = "redis://{|#2:cahce|}:6379";
                string T2 = $"redis://{|#3:cahce|}:6379/{P}";
                string T3 = $"redis://cahce{P}:6379";
                [System.Obsolete("redis://{|#4:cahce|}:6379")] void M() { }
            }
            """, Shop,
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(0),
            Diagnostic("CG5003", DiagnosticSeverity.Info).WithLocation(1),
            Diagnostic("CG5001").WithLocation(2),
            Diagnostic("CG5001").WithLocation(3),
            Diagnostic("CG5001").WithLocation(4));

    [Fact]
    public Task CG5003_not_reported_where_a_constant_is_required_or_for_a_wrong_port()
        => VerifyCode("""
            class C
            {
                const string Pg = "Host=orders-db;Port=5432;Username=shop;Password=secret;Database=orders";
                [System.Obsolete("redis://cache:6379")] void M(string s = "cache:6379") { }
                string WrongPort = "cache:7000";
            }
            """, Shop);

    [Fact]
    public async Task Generated_code_is_left_alone()
    {
        // The same typo is reported in hand-written code only: not in a file marked <auto-generated>, not in a *.g.cs
        // file, not in a type marked [GeneratedCode] (the compiler's own notion of generated code).
        var test = new HostLiteralAnalyzerTest("""
            class Written
            {
                string S = "Host={|CG5001:ordres-db|};Port=5432";
            }

            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            class Marked
            {
                string S = "Host=ordres-db;Port=5432";
            }
            """, Shop);
        test.TestState.Sources.Add(("/src/shop/Shop.Api/Header.cs", "// <auto-generated/>\nclass Header { string S = \"Host=ordres-db;Port=5432\"; }\n"));
        test.TestState.Sources.Add(("/src/shop/Shop.Api/Named.g.cs", "class Named { string S = \"Host=ordres-db;Port=5432\"; }\n"));
        await test.RunAsync();
    }

    [Fact]
    public Task Near_misses_stay_silent()
        => VerifyCode("""
            class C
            {
                // Host=ordres-db;Port=5432 in a comment is not a literal
                /* redis://cahce:6379 */
                string External = "https://api.example.com:443/v1";
                string Dotted = "Host=db.internal.example;Port=5432";
                string Local = "Host=localhost;Port=5432";
                string Loopback = "redis://127.0.0.1:6379";
                string Ip = "Server=10.0.0.5,1433";
                string DockerHost = "http://host.docker.internal:8080";
                string Plain = "Hello, world";
                string Time = "12:30";
                string Ratio = "a=b";
                string Container = "http://shop-web:80/";
                string Alias = "http://frontend:80/";
                static string Suffix = "x";
                string Hole = $"redis://cac{Suffix}:6379";
                string Joined = "redis://cac" + Suffix + ":6379";
                string Prefixed = Suffix + "he:6379";
            }
            """, Shop);

    [Fact]
    public Task A_service_reachable_over_the_default_network_is_silent()
        => VerifyCode("""
            class C
            {
                string S = "http://worker:8080/status";
                string T = "Host=db;Port=5432 as text";
            }
            """, """
            services:
              api:
                build: ./Shop.Api
              worker:
                image: shop/worker:1
              db:
                image: postgres:16
            """);

    [Fact]
    public Task No_compose_file_means_no_diagnostics()
    {
        var test = new HostLiteralAnalyzerTest("class C { string S = \"Host=ordres-db;Port=5432\"; }", "");
        test.TestState.AdditionalFiles.Clear();
        return test.RunAsync();
    }
}
