using ComposeGen.Analysis;
using ComposeGen.Parsing;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Conformance;

/// <summary>
/// Real files nobody here wrote: every file compose-go accepts must load with no error, and every
/// file it rejects must be reported. The figures go to the test output.
/// </summary>
public class CorpusConformanceTests
{
    /// <summary>
    /// Files where we knowingly disagree with compose-go, with the reason. Each must really disagree
    /// (the test fails when one starts to agree, so the list cannot rot).
    /// </summary>
    private static readonly Dictionary<string, string> KnownDisagreements = new()
    {
        ["compose-go/_inline-loader-tests/loader/loader/TestWithSelectedServicesOption_SkipsMissingEnvFile.yaml"] =
            "a missing env_file: the analyzers only see the files MSBuild passes them, so a file's absence is not knowable here",
    };

    private readonly ITestOutputHelper _output;

    public CorpusConformanceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_corpus_file_gets_compose_gos_verdict()
    {
        var cases = CorpusFiles.All().ToList();
        var wrong = new List<string>();
        var agreedKnown = new List<string>();
        var validWithWarnings = new List<string>();
        int valid = 0, validClean = 0, invalid = 0, invalidReported = 0;

        foreach (var corpusCase in cases)
        {
            var problems = Problems(corpusCase);
            var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
            bool agrees;
            if (corpusCase.Valid)
            {
                valid++;
                agrees = errors.Count == 0;
                if (agrees)
                    validClean++;
                var warnings = problems.Where(p => p.Severity == ProblemSeverity.Warning).ToList();
                if (warnings.Count > 0)
                    validWithWarnings.Add($"{corpusCase.RelativePath}: {warnings.Count} warning(s), first: {warnings[0].Id} {warnings[0].Message}");
            }
            else
            {
                // compose-go refuses these; a warning (an unknown key is CG1003, a warning) is still a report.
                invalid++;
                agrees = problems.Any(p => p.Severity != ProblemSeverity.Info);
                if (agrees)
                    invalidReported++;
            }

            var known = KnownDisagreements.ContainsKey(corpusCase.RelativePath);
            if (!agrees && !known)
                wrong.Add($"{corpusCase.RelativePath}: compose-go says {(corpusCase.Valid ? "valid" : "invalid")} ({corpusCase.Note}); we report {(errors.Count == 0 ? "nothing" : string.Join(" | ", errors))}");
            if (agrees && known)
                agreedKnown.Add(corpusCase.RelativePath);
        }

        _output.WriteLine($"valid fixtures that load clean: {validClean}/{valid}");
        _output.WriteLine($"invalid fixtures reported: {invalidReported}/{invalid}");
        _output.WriteLine($"known disagreements: {KnownDisagreements.Count}");
        _output.WriteLine($"valid fixtures with warnings: {validWithWarnings.Count}");
        foreach (var line in validWithWarnings)
            _output.WriteLine("  " + line);
        _output.WriteLine($"not counted (need files the Go test writes at run time): {CorpusFiles.NeedsFilesWrittenByTheGoTest.Count}; not standalone: {CorpusFiles.NotStandalone.Count}");
        Assert.True(wrong.Count == 0, $"{wrong.Count} verdicts differ from compose-go:\n" + string.Join("\n", wrong));
        Assert.True(agreedKnown.Count == 0, "these now agree; remove them from KnownDisagreements: " + string.Join(", ", agreedKnown));
    }

    /// <summary>Problems as compose-go would see them: the loader's, plus the consistency checks unless the test skipped them.</summary>
    private static List<ComposeProblem> Problems(CorpusCase corpusCase)
    {
        var result = CorpusFiles.Load(corpusCase);
        var problems = result.Problems.AsEnumerable();
        if (!corpusCase.SkipConsistencyCheck)
            problems = problems.Concat(ReferenceChecks.Run(result.Project));
        return problems.ToList();
    }
}
