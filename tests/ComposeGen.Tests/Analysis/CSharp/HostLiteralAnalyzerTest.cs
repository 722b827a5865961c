using ComposeGen.Analysis.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>
/// The C# host analyzer as a ComposeGen user's project runs it: C# markup as the test code, the compose file
/// as an additional file, and the MSBuild properties the package makes compiler-visible (the project
/// directory <c>/src/shop/Shop.Api</c>, so a service with <c>build: ./Shop.Api</c> is "this project").
/// </summary>
internal sealed class HostLiteralAnalyzerTest : CSharpAnalyzerTest<HostLiteralAnalyzer, DefaultVerifier>
{
    public const string ComposePath = "/src/shop/compose.yaml";

    public HostLiteralAnalyzerTest(string code, string compose, string? composeService = null)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"), Path.Combine("ref", "net8.0"));
        TestCode = code;
        TestState.AdditionalFiles.Add((ComposePath, compose));
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig(composeService)));
    }

    public static string GlobalConfig(string? composeService)
        => "is_global = true\nbuild_property.MSBuildProjectDirectory = /src/shop/Shop.Api\nbuild_property.RootNamespace = Shop.Api\n"
           + (composeService is null ? "" : "build_property.ComposeService = " + composeService + "\n");

    public static Task VerifyCode(string code, string compose, params DiagnosticResult[] expected)
        => VerifyCode(code, compose, null, expected);

    public static Task VerifyCode(string code, string compose, string? composeService, params DiagnosticResult[] expected)
    {
        var test = new HostLiteralAnalyzerTest(code, compose, composeService);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity = DiagnosticSeverity.Warning) => new(id, severity);

    /// <summary>The shop: api (built from this project) on public + data; orders-db and cache on data; ledger on private; web on public with a container_name and an alias.</summary>
    public const string Shop = """
        services:
          api:
            build: ./Shop.Api
            networks: [public, data]
          orders-db:
            image: postgres:16-alpine
            networks: [data]
            environment:
              POSTGRES_USER: shop
              POSTGRES_PASSWORD: secret
              POSTGRES_DB: orders
          cache:
            image: redis:7
            hostname: cache-host
            networks: [data]
          ledger:
            image: postgres:16
            networks: [private]
            environment:
              POSTGRES_PASSWORD: secret
          web:
            image: nginx:1.27
            container_name: shop-web
            networks:
              public:
                aliases: [frontend]
        networks:
          public:
          data:
          private:
        """;
}
