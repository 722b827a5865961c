using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Parsing.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Analysis;

/// <summary>
/// <c>dotnet_diagnostic.ID.severity</c> as it applies to a YAML file: the <c>.editorconfig</c> /
/// <c>.globalconfig</c> files that reached the analyzer as additional files, evaluated for the YAML
/// path with Roslyn's own <see cref="AnalyzerConfigSet"/> (same globs, sections and precedence as for C#).
/// </summary>
internal sealed class SeverityConfiguration
{
    private readonly AnalyzerConfigSet? _set;
    private readonly Dictionary<string, AnalyzerConfigOptionsResult> _byPath = new(StringComparer.Ordinal);

    private SeverityConfiguration(AnalyzerConfigSet? set) => _set = set;

    public static SeverityConfiguration From(AnalyzerOptions options)
    {
        var configs = new List<AnalyzerConfig>();
        foreach (var file in options.AdditionalFiles)
        {
            var name = ComposePath.FileName(file.Path);
            if (name != ".editorconfig" && !name.EndsWith(".globalconfig", StringComparison.OrdinalIgnoreCase))
                continue;
            // Normalised, so "App/../.editorconfig" (an MSBuild item path) still governs "compose.yaml" beside it.
            if (file.GetText() is { } text)
                configs.Add(AnalyzerConfig.Parse(text, ComposePath.Normalize(file.Path)));
        }

        return new SeverityConfiguration(configs.Count == 0 ? null : AnalyzerConfigSet.Create(configs));
    }

    /// <summary>
    /// The severity to report <paramref name="descriptor"/> with in <paramref name="path"/>; null when it is
    /// turned off. Without configuration it is <paramref name="natural"/>: the problem's own severity, which
    /// for CG1004 is an error for broken syntax and a warning for a missing variable.
    /// </summary>
    public DiagnosticSeverity? For(string path, DiagnosticDescriptor descriptor, DiagnosticSeverity natural)
    {
        if (_set is null)
            return natural;
        lock (_byPath)
        {
            if (!_byPath.TryGetValue(path, out var options))
                _byPath[path] = options = _set.GetOptionsForSourcePath(path);
            var configured = options.TreeOptions.TryGetValue(descriptor.Id, out var value) || options.TreeOptions.TryGetValue(descriptor.Id.ToLowerInvariant(), out value)
                ? value
                : ReportDiagnostic.Default;
            return configured switch
            {
                ReportDiagnostic.Suppress => null,
                ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
                ReportDiagnostic.Info => DiagnosticSeverity.Info,
                ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
                ReportDiagnostic.Error => DiagnosticSeverity.Error,
                _ => natural,
            };
        }
    }
}
