using System.Collections.Immutable;
using ComposeGen.Analysis;
using ComposeGen.Analysis.CSharp;
using ComposeGen.Analysis.Networking;
using ComposeGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>
/// What a literal value means is judged once per value and compose project (<see cref="CodeHostModel.FindingsOf"/>);
/// where it is reported is decided per literal (<see cref="HostLiteralAnalyzerTests"/>).
/// </summary>
public class LiteralFindingsTests
{
    private static CodeHostModel Model(string compose)
    {
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(GeneratorHarness.Compose(compose)), new TestOptionsProvider(GeneratorHarness.Properties()));
        var loaded = ComposeProjectLoader.Load(options, CancellationToken.None)!.Value;
        return CodeHostModel.Create(loaded.Inputs, loaded.Result.Project);
    }

    private const string Compose = """
        # LiteralFindingsTests
        services:
          cache:
            image: redis:7
          db:
            image: postgres:16
        """;

    [Fact]
    public void A_value_is_judged_once_per_project()
    {
        var model = Model(Compose);
        const string value = "redis://cahce:6379";
        var references = HostReferenceExtractor.Extract(value);

        var first = model.FindingsOf(value, references);
        var again = model.FindingsOf(new string(value.ToCharArray()), references); // an equal value, another instance

        Assert.Same(first, again);
        var finding = Assert.Single(first);
        Assert.Equal("CG5001", finding.Descriptor.Id);
        Assert.Equal("cache", finding.Properties[HostLiteralAnalyzer.SuggestionProperty]);
    }

    [Fact]
    public void Each_project_judges_the_value_by_its_own_services()
    {
        const string value = "redis://cahce:6379";
        var references = HostReferenceExtractor.Extract(value);

        var typo = Model(Compose).FindingsOf(value, references);
        var named = Model(Compose.Replace("  db:\n", "  cahce:\n    image: redis:7\n  db:\n")).FindingsOf(value, references);

        Assert.Equal("CG5001", Assert.Single(typo).Descriptor.Id);
        Assert.Equal("CG5003", Assert.Single(named).Descriptor.Id);
    }

    [Fact]
    public void Values_that_need_no_diagnostic_share_the_empty_answer()
    {
        var model = Model(Compose);

        const string prose = "Host=db;Port=5432 is where the orders live";
        Assert.Same(LiteralFindings.None, model.FindingsOf(prose, HostReferenceExtractor.Extract(prose)));
        Assert.Same(LiteralFindings.None, model.FindingsOf("http://example.com:80/", HostReferenceExtractor.Extract("http://example.com:80/")));
        Assert.False(LiteralFindings.NeedModel(HostReferenceExtractor.Extract("http://localhost:8080/ and 10.0.0.1:53")));
        Assert.True(LiteralFindings.NeedModel(HostReferenceExtractor.Extract("redis://cache:6379")));
    }
}
