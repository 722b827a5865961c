using ComposeGen.Analysis.Networking;
using ComposeGen.Tests.Conformance;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Analysis.Networking;

/// <summary>
/// Precision on real files: every networking rule over every valid corpus file. Nothing may throw, and every
/// warning that fires is written to the test output and compared with the reviewed list below (each judged a
/// true positive), so a new false positive shows up as a failure.
/// </summary>
public class NetworkingCorpusTests
{
    private readonly ITestOutputHelper _output;

    public NetworkingCorpusTests(ITestOutputHelper output) => _output = output;

    /// <summary>Every problem the rules report on the valid corpus, reviewed: file, ID, line, column.</summary>
    private static readonly string[] Reviewed =
    {
        // True positive: `deploy.replicas: 555` (interpolated) with `published: "555"`: the second replica cannot bind
        // host port 555. The loader test only checks interpolation casts; `docker compose up` would fail.
        "compose-go/_inline-loader-tests/loader/loader/TestLoadWithInterpolationCastFull.yaml CG3005 (28,9)",
    };

    [Fact]
    public void Rules_never_throw_on_the_corpus_and_report_only_reviewed_findings()
    {
        var findings = new List<string>();
        var files = 0;
        var references = 0;
        foreach (var corpusCase in CorpusFiles.All().Where(c => c.Valid))
        {
            var project = CorpusFiles.Load(corpusCase).Project;
            files++;
            references += NetworkingAnalysis.For(project).References.Count;
            foreach (var rule in NetworkingRules.All)
            {
                foreach (var problem in rule.Check(project))
                {
                    var line = $"{corpusCase.RelativePath} {problem.Id} ({problem.Span.StartLine},{problem.Span.StartColumn})";
                    findings.Add(line);
                    _output.WriteLine($"{line}: {problem.Severity} {problem.Message}");
                }
            }
        }

        _output.WriteLine($"{files} valid files, {references} host references, {findings.Count} findings");
        Assert.True(files > 300, $"only {files} valid corpus files were loaded");
        Assert.Equal(Reviewed.OrderBy(f => f, StringComparer.Ordinal), findings.OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void References_found_in_the_corpus_are_listed()
    {
        foreach (var corpusCase in CorpusFiles.All().Where(c => c.Valid))
        {
            var analysis = NetworkingAnalysis.For(CorpusFiles.Load(corpusCase).Project);
            foreach (var found in analysis.References)
                _output.WriteLine($"{corpusCase.RelativePath} {found.Service.Name} {found.Source} {found.VariableName}: {found.Reference} -> {found.Resolution.Kind} {found.Resolution.Target?.Name}");
        }
    }
}
