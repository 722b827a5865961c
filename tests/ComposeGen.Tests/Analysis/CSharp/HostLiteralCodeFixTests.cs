using ComposeGen.Analysis.CSharp;
using ComposeGen.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>The code fixes of CG5001 ("did you mean") and CG5003 (use the generated member): before/after source, one at a time and Fix All in document, project and solution.</summary>
public class HostLiteralCodeFixTests
{
    /// <summary>What the generator would emit for the shop's compose file, reduced to the members the fixes use.</summary>
    private const string GeneratedStub = """
        namespace Shop.Api
        {
            internal static partial class Compose
            {
                public static partial class Services
                {
                    public static partial class OrdersDb { public static string ConnectionString => string.Empty; }
                    public static partial class Cache { public static string ConnectionString => string.Empty; }
                }
            }
        }
        """;

    private sealed class Test : CSharpCodeFixTest<HostLiteralAnalyzer, HostLiteralCodeFixProvider, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"), Path.Combine("ref", "net8.0"));
            TestState.AdditionalFiles.Add((HostLiteralAnalyzerTest.ComposePath, HostLiteralAnalyzerTest.Shop));
            TestState.AnalyzerConfigFiles.Add(("/.globalconfig", HostLiteralAnalyzerTest.GlobalConfig(null)));
        }

        public static Test For(string[] before, string[] after)
        {
            var test = new Test();
            for (var i = 0; i < before.Length; i++)
                test.TestState.Sources.Add(($"/0/Test{i}.cs", before[i]));
            test.TestState.Sources.Add(("/0/Compose.g.cs", GeneratedStub));
            for (var i = 0; i < after.Length; i++)
                test.FixedState.Sources.Add(($"/0/Test{i}.cs", after[i]));
            test.FixedState.Sources.Add(("/0/Compose.g.cs", GeneratedStub));
            return test;
        }
    }

    private static Task Run(string before, string after) => Test.For(new[] { before }, new[] { after }).RunAsync();

    [Fact]
    public Task CG5003_replaces_the_literal_and_adds_the_using()
        => Run("""
            class C
            {
                string Pg = {|CG5003:"Host=orders-db;Port=5432;Username=shop;Password=secret;Database=orders"|};
            }
            """, """
            using Shop.Api;

            class C
            {
                string Pg = Compose.Services.OrdersDb.ConnectionString;
            }
            """);

    [Fact]
    public Task CG5003_inserts_the_using_in_order_among_existing_ones()
        => Run("""
            using System;
            using System.Text;

            class C
            {
                void M() => Console.WriteLine({|CG5003:"redis://cache:6379"|});
            }
            """, """
            using Shop.Api;
            using System;
            using System.Text;

            class C
            {
                void M() => Console.WriteLine(Compose.Services.Cache.ConnectionString);
            }
            """);

    [Fact]
    public Task CG5003_inside_the_generated_namespace_needs_no_using()
        => Run("""
            namespace Shop.Api.Data
            {
                class C
                {
                    string Cache = {|CG5003:"cache:6379"|};
                }
            }
            """, """
            namespace Shop.Api.Data
            {
                class C
                {
                    string Cache = Compose.Services.Cache.ConnectionString;
                }
            }
            """);

    [Fact]
    public Task CG5003_using_already_present()
        => Run("""
            using Shop.Api;

            class C
            {
                string Cache = {|CG5003:"cache:6379"|};
            }
            """, """
            using Shop.Api;

            class C
            {
                string Cache = Compose.Services.Cache.ConnectionString;
            }
            """);

    [Fact]
    public Task CG5001_did_you_mean_replaces_only_the_host()
        => Run("""
            class C
            {
                string Pg = @"Host={|CG5001:ordres-db|};Port=5432;Timeout=3 ok";
                string Url = $"redis://{|CG5001:cahce|}:6379/{1 + 1}";
            }
            """, """
            class C
            {
                string Pg = @"Host=orders-db;Port=5432;Timeout=3 ok";
                string Url = $"redis://cache:6379/{1 + 1}";
            }
            """);

    [Fact]
    public Task CG5001_without_a_suggestion_has_no_fix()
    {
        var code = """
            class C
            {
                string Pg = "Host={|CG5001:zzzzzzzzzz|};Port=5432";
            }
            """;
        return Run(code, code);
    }

    [Fact]
    public Task CG5001_fix_all_in_document_project_and_solution()
        => Test.For(
            new[]
            {
                """
                class A
                {
                    string P = "Host={|CG5001:ordres-db|};Port=5432 x";
                    string Q = "Endpoint: redis://{|CG5001:cahce|}:6379";
                }
                """,
                """
                class B
                {
                    string P = "amqp://{|CG5001:ordersdb|}:5672/";
                }
                """,
            },
            new[]
            {
                """
                class A
                {
                    string P = "Host=orders-db;Port=5432 x";
                    string Q = "Endpoint: redis://cache:6379";
                }
                """,
                """
                class B
                {
                    string P = "amqp://orders-db:5672/";
                }
                """,
            }).RunAsync();

    [Fact]
    public Task CG5003_fix_all_in_document_project_and_solution()
        => Test.For(
            new[]
            {
                """
                namespace Shop.Api
                {
                    class A
                    {
                        string P = {|CG5003:"Host=orders-db;Port=5432;Username=shop;Password=secret;Database=orders"|};
                        string Q = {|CG5003:"cache:6379"|};
                    }
                }
                """,
                """
                namespace Shop.Api
                {
                    class B
                    {
                        string R = {|CG5003:"redis://cache:6379"|};
                    }
                }
                """,
            },
            new[]
            {
                """
                namespace Shop.Api
                {
                    class A
                    {
                        string P = Compose.Services.OrdersDb.ConnectionString;
                        string Q = Compose.Services.Cache.ConnectionString;
                    }
                }
                """,
                """
                namespace Shop.Api
                {
                    class B
                    {
                        string R = Compose.Services.Cache.ConnectionString;
                    }
                }
                """,
            }).RunAsync();
}
