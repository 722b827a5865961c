using ComposeGen.Analysis;
using ComposeGen.Parsing;
using ComposeGen.Tests.Conformance;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Analysis;

/// <summary>
/// Every rule over every corpus file docker compose accepts: no CG1xxx/CG2xxx error may fire, and
/// every warning and info that fires is printed, so that each can be judged (docs/precision.md).
/// </summary>
public class CorpusPrecisionTests
{
    private readonly ITestOutputHelper _output;

    public CorpusPrecisionTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Files compose accepts as a whole project: awesome-compose and compose-go's fixtures that its tests
    /// load with the consistency checks on. Left out: fragments loaded with the checks off (undefined
    /// networks on purpose), and loader_yaml/ tests, which exercise only the YAML layer (their services
    /// have no image, which `docker compose up` would refuse).
    /// </summary>
    public static IEnumerable<CorpusCase> AcceptedProjects()
        => CorpusFiles.All().Where(c => c.Valid && !c.SkipConsistencyCheck && !c.RelativePath.Contains("/loader_yaml/"));

    [Fact]
    public void No_error_fires_on_a_file_compose_accepts_and_every_finding_is_listed()
    {
        var errors = new List<string>();
        var findings = new List<string>();
        var files = 0;
        foreach (var corpusCase in AcceptedProjects())
        {
            files++;
            var result = CorpusFiles.Load(corpusCase);
            var problems = result.Problems.Concat(ComposeRules.Run(result.Project)).ToList();
            foreach (var problem in problems)
            {
                var line = $"{corpusCase.RelativePath}({problem.Span.StartLine},{problem.Span.StartColumn}) {problem.Id} {problem.Severity}: {problem.Message}";
                if (problem.Severity == ProblemSeverity.Error)
                    errors.Add(line);
                else
                    findings.Add(line);
            }
        }

        _output.WriteLine($"{files} accepted projects; {errors.Count} errors; {findings.Count} warnings and infos:");
        foreach (var group in findings.GroupBy(f => f.Split(' ')[1]).OrderBy(g => g.Key))
            _output.WriteLine($"  {group.Key}: {group.Count()}");
        foreach (var finding in findings)
            _output.WriteLine(finding);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
