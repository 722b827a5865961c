using System.Collections.Generic;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis;

/// <summary>
/// A check over a whole compose project (after overrides, <c>extends</c> and <c>include</c> are merged).
/// Rules are pure: a model in, located problems out, each with an ID from <see cref="Diagnostics.DiagnosticIds"/>
/// and the severity of the catalog's default (the analyzer applies the user's configuration).
/// A rule must not throw; the analyzer still guards each one.
/// </summary>
public interface IComposeRule
{
    /// <summary>The IDs this rule can report.</summary>
    IReadOnlyList<string> Ids { get; }

    IEnumerable<ComposeProblem> Check(ComposeProject project);
}
