using ComposeGen.Analysis;
using ComposeGen.Parsing;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>Runs one practice rule over a compose snippet held in memory.</summary>
internal static class Practice
{
    public static List<ComposeProblem> Check(IComposeRule rule, string yaml, IReadOnlyDictionary<string, string>? variables = null)
        => rule.Check(TestCompose.Load(yaml, variables).Project).ToList();

    /// <summary>The one finding of the rule, checked for its ID, severity and position (1-based line and column).</summary>
    public static ComposeProblem Single(IComposeRule rule, string yaml, int line, int column, IReadOnlyDictionary<string, string>? variables = null)
    {
        var problems = Check(rule, yaml, variables);
        Assert.True(problems.Count == 1, $"expected one finding, got {problems.Count}:\n" + string.Join("\n", problems));
        var problem = problems[0];
        Assert.Equal(rule.Ids[0], problem.Id);
        Assert.Equal(TestCompose.MainFile, problem.Span.Path);
        Assert.Equal((line, column), (problem.Span.StartLine, problem.Span.StartColumn));
        return problem;
    }

    public static void Silent(IComposeRule rule, string yaml, IReadOnlyDictionary<string, string>? variables = null)
    {
        var problems = Check(rule, yaml, variables);
        Assert.True(problems.Count == 0, "expected no finding, got:\n" + string.Join("\n", problems));
    }
}
