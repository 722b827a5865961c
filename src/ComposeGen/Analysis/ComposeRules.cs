using System.Collections.Generic;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis;

/// <summary>Every project-level rule, and a safe way to run them all.</summary>
public static class ComposeRules
{
    public static readonly IReadOnlyList<IComposeRule> All = new IComposeRule[]
    {
        new ReferenceRule(),
        new StructureRules(),
    }
    .Concat(Networking.NetworkingRules.All)
    .Concat(Practices.PracticeRules.All)
    .ToList();

    /// <summary>Runs every rule; a rule that fails is skipped (its failure is a bug, never the user's build breaking).</summary>
    public static List<ComposeProblem> Run(ComposeProject project, IEnumerable<IComposeRule>? rules = null)
    {
        var problems = new List<ComposeProblem>();
        foreach (var rule in rules ?? All)
        {
            try
            {
                problems.AddRange(rule.Check(project));
            }
            catch (System.Exception)
            {
                // Keep the other rules' findings; tests run every rule over the corpus and fuzzed input.
            }
        }

        return problems;
    }

    /// <summary>The consistency checks of <see cref="ReferenceChecks"/> as a rule.</summary>
    private sealed class ReferenceRule : IComposeRule
    {
        public IReadOnlyList<string> Ids { get; } = new[] { "CG2001", "CG2002", "CG2003", "CG2004", "CG2005", "CG2009" };

        public IEnumerable<ComposeProblem> Check(ComposeProject project) => ReferenceChecks.Run(project);
    }
}
