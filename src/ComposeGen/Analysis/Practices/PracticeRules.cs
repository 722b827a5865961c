using System;
using System.Collections.Generic;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>The CG4xxx practice rules (SPEC §6): compose files that work but lose data, expose or leak.</summary>
public static class PracticeRules
{
    public static IReadOnlyList<IComposeRule> All { get; } = new IComposeRule[]
    {
        new StatefulWithoutVolumeRule(),
        new DatabaseBindMountRule(),
        new NodeModulesShadowRule(),
        new DataPortExposureRule(),
        new PlaintextSecretRule(),
        new HostAccessRule(),
        new UnpinnedImageRule(),
    };

    /// <summary>Every rule over a project; a rule that throws costs its own findings only.</summary>
    public static IReadOnlyList<ComposeProblem> Run(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var rule in All)
        {
            try
            {
                problems.AddRange(rule.Check(project));
            }
            catch (Exception)
            {
                // Rules are written not to throw; this is the last line of defence (SPEC §8: never crash).
            }
        }

        return problems;
    }
}
