using ComposeGen.Tests.Conformance;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// SPEC §8: the generated code for every compose file docker compose accepts compiles with no warning
/// (warnings are errors here), with nullable enabled, in C# 8 and latest, for netstandard2.0, net8.0 and net10.0, and in C# 7.3
/// (nullable off: it has none) for netstandard2.0.
/// </summary>
public class GeneratedCodeCompilesTests
{
    private readonly ITestOutputHelper _output;

    public GeneratedCodeCompilesTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, LanguageVersion> Targets() => new()
    {
        // C# 7.3 is what a netstandard2.0 library gets by default: the generator rewrites its C# 8 for it.
        { "netstandard2.0", LanguageVersion.CSharp7_3 },
        { "netstandard2.0", LanguageVersion.CSharp8 },
        { "net8.0", LanguageVersion.CSharp8 },
        { "net8.0", LanguageVersion.Latest },
        { "net10.0", LanguageVersion.CSharp8 },
        { "net10.0", LanguageVersion.Latest },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_valid_corpus_file_generates_code_that_compiles(string framework, LanguageVersion language)
    {
        var references = framework switch
        {
            "netstandard2.0" => ReferenceAssemblies.NetStandard20,
            "net8.0" => ReferenceAssemblies.Net8,
            _ => ReferenceAssemblies.Net10,
        };
        var cases = CorpusFiles.All().Where(c => c.Valid && c.OverrideFiles is null && c.PartnerFiles is null).ToList();
        var failures = new List<string>();
        var generated = 0;
        foreach (var corpusCase in cases)
        {
            var path = Path.Combine(CorpusFiles.Root, corpusCase.RelativePath);
            var run = GeneratorHarness.Run(File.ReadAllText(path), references: references, language: language);
            if (run.Source() is null)
            {
                failures.Add($"{corpusCase.RelativePath}: nothing generated");
                continue;
            }

            generated++;
            var problems = run.CompilationProblems;
            if (problems.Count > 0)
                failures.Add($"{corpusCase.RelativePath}: {problems.Count} problem(s), first: {problems[0]}");
        }

        _output.WriteLine($"{framework}, C# {language.ToDisplayString()}: {generated - failures.Count}/{cases.Count} corpus files generate code that compiles clean");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_configuration_extensions_compile_against_Microsoft_Extensions_Configuration()
    {
        var run = GeneratorHarness.Run(TestProjects.Shop, references: ReferenceAssemblies.Net10.Concat(ReferenceAssemblies.Configuration), language: LanguageVersion.CSharp8);
        Assert.Contains("AddComposeConnectionStrings", run.Source());
        Assert.Empty(run.CompilationProblems);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp8)]
    public void The_runtime_sources_are_C_sharp_8_rewritten_only_for_older_language_versions(LanguageVersion language)
    {
        var run = GeneratorHarness.Run(TestProjects.Shop, references: ReferenceAssemblies.NetStandard20, language: language);
        var runtime = string.Join("\n", run.Result.GeneratedTrees.Select(t => t.ToString()));
        Assert.Equal(language >= LanguageVersion.CSharp8, runtime.Contains("#nullable enable") && runtime.Contains("string?"));
        Assert.Contains("int?", runtime); // Nullable<T> stays in both
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Without_Microsoft_Extensions_Configuration_no_extensions_are_emitted()
        => Assert.DoesNotContain("AddComposeConnectionStrings", GeneratorHarness.Run(TestProjects.Shop).Source());
}
