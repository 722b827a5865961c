using ComposeGen.Analysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ComposeGen.Tests.Analysis;

/// <summary>
/// Microsoft.CodeAnalysis.Testing's analyzer test, set up as a ComposeGen user's project is: a compose
/// file (with <c>{|CG2001:markup|}</c> where diagnostics are expected) as an additional file, and the
/// MSBuild properties the package makes compiler-visible.
/// </summary>
internal sealed class ComposeAnalyzerTest : CSharpAnalyzerTest<ComposeAnalyzer, DefaultVerifier>
{
    public const string ComposePath = "/src/shop/compose.yaml";

    public ComposeAnalyzerTest(string composeMarkup, params (string Path, string Text)[] otherFiles)
    {
        // The net8.0 reference pack restored by the test project (PackageDownload), not a download at test time.
        ReferenceAssemblies = new ReferenceAssemblies("net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"), Path.Combine("ref", "net8.0"));
        TestCode = "class Program { static void Main() { } }";
        TestState.AdditionalFiles.Add((ComposePath, composeMarkup));
        foreach (var file in otherFiles)
        {
            // Config files reach the compiler as analyzer config files and, as the package's targets add
            // them, as additional files for the analyzer to evaluate for the YAML files.
            if (file.Path.EndsWith("editorconfig", StringComparison.Ordinal) || file.Path.EndsWith(".globalconfig", StringComparison.Ordinal))
                TestState.AnalyzerConfigFiles.Add(file);
            TestState.AdditionalFiles.Add(file);
        }

        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MSBuildProjectDirectory = /src/shop/Shop.Api\nbuild_property.RootNamespace = Shop.Api\n"));
    }

    /// <summary>Runs the analyzer and checks that exactly the marked diagnostics (and <paramref name="expected"/>) are reported.</summary>
    public static Task VerifyCompose(string composeMarkup, params DiagnosticResult[] expected)
    {
        var test = new ComposeAnalyzerTest(composeMarkup);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
}
