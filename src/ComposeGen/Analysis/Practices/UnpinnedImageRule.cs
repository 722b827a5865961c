using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;
using ComposeGen.Parsing.Interpolation;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4007: an image pulled without a tag or with <c>:latest</c>, so every pull may bring a different
/// version. A digest (<c>@sha256:...</c>) pins the image whatever the tag says.
/// <list type="bullet">
/// <item>Services with <c>build</c> are skipped: their <c>image</c> names what compose builds, not what it pulls;
/// so are services that run an image another service of the project builds (<c>image: app</c> next to
/// <c>build: .</c> + <c>image: app</c>).</item>
/// <item>An image written with variables is judged on the value they resolve to (<c>app:${TAG:-latest}</c>
/// → <c>app:latest</c> fires), unless a variable is unresolved: then the reference is decided at run
/// time (<c>app:${TAG}</c> with TAG unset) and CG1004 already reports the variable.</item>
/// </list>
/// Located on the image.
/// </summary>
public sealed class UnpinnedImageRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.UnpinnedImage };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        var built = new HashSet<string>(
            project.Services.Where(s => s.Build is not null && s.Image is not null).Select(s => WithLatest(s.Image!.Value)),
            StringComparer.Ordinal);
        foreach (var service in project.Services)
        {
            if (service.Image is not { } image || service.Build is not null || HasUnresolvedVariable(image))
                continue;
            var reference = image.Value.Trim();
            if (!IsWellFormed(reference) || reference.Contains("@") || built.Contains(WithLatest(reference)))
                continue;
            var tag = StatefulImages.Tag(reference);
            if (tag is not null && tag != "latest")
                continue;
            var resolved = image.IsLiteral ? "" : $" ('{image.Template.Raw}' resolves to it)";
            var what = tag is null ? "without a tag, so it pulls 'latest'" : "with the ':latest' tag";
            problems.Add(new ComposeProblem(
                DiagnosticIds.UnpinnedImage,
                ProblemSeverity.Info,
                $"service '{service.Name}' uses image '{reference}'{resolved} {what}: each pull may bring a different version, so builds and deployments are not reproducible; "
                + "pin a version tag or a digest (@sha256:...)",
                image.Span));
        }

        return problems;
    }

    /// <summary><c>app</c> and <c>app:latest</c> are the same image.</summary>
    private static string WithLatest(string reference)
    {
        var trimmed = reference.Trim();
        return StatefulImages.Tag(trimmed) is null && !trimmed.Contains("@") ? trimmed + ":latest" : trimmed;
    }

    /// <summary>
    /// True when a variable of the template had no value when the file was loaded (docker compose warns and
    /// uses ""). The model keeps the resolved value, not which variables were missing, so this evaluates the
    /// template with no variables at all: a variable that is set must have changed the value, or it was set
    /// to what an unset one gives.
    /// </summary>
    private static bool HasUnresolvedVariable(ScalarValue image)
    {
        if (image.IsLiteral)
            return false;
        var unset = TemplateEvaluator.Evaluate(image.Template, DictionaryVariableSource.Empty);
        return unset.MissingVariables.Count > 0 && unset.Value == image.Value;
    }

    /// <summary>
    /// A reference that docker can pull: no empty repository, no empty tag (<c>app:</c>, which a variable set
    /// to "" leaves), no path that starts or ends with '/'.
    /// </summary>
    private static bool IsWellFormed(string reference)
        => reference.Length > 0
        && !reference.StartsWith("/", StringComparison.Ordinal)
        && !reference.EndsWith(":", StringComparison.Ordinal)
        && !reference.EndsWith("/", StringComparison.Ordinal)
        && !reference.Contains("//")
        && !reference.Contains(":@")
        && !reference.Any(char.IsWhiteSpace);
}
