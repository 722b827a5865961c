using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;
using ComposeGen.Parsing.DotEnv;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Analysis;

/// <summary>
/// Reports compose mistakes as diagnostics located in the YAML files. Problems of one file (CG1xxx:
/// syntax, types, keys, interpolation, limits) are reported per additional file; rules that need the
/// merged project (CG2xxx–CG4xxx) run once per compilation. Both use the generator's parser and its
/// choice of files.
/// <para>
/// Severity: the compiler applies <c>.globalconfig</c>, <c>NoWarn</c>, <c>WarningsAsErrors</c> and
/// <c>[SuppressMessage]</c> to these diagnostics by itself, but it applies <c>dotnet_diagnostic.ID.severity</c>
/// in <c>.editorconfig</c> sections only to C# files, and it hides those keys from analyzers. So the
/// package passes the project's <c>.editorconfig</c> files as additional files too, and the analyzer
/// evaluates them for the YAML file with Roslyn's own <see cref="AnalyzerConfigSet"/>.
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ComposeAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DiagnosticDescriptors.ComposeRules.Values.OrderBy(d => d.Id).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(AnalyzeFile);
        context.RegisterCompilationAction(AnalyzeProject);
    }

    /// <summary>CG1xxx for one compose file of the project.</summary>
    private static void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        if (!ComposeInputs.IsYaml(context.AdditionalFile.Path))
            return;
        var session = ProjectSession.Create(context.Options, context.CancellationToken);
        var path = ComposePath.Normalize(context.AdditionalFile.Path);
        if (session?.Inputs.Files.Any(f => f.Path == path) != true)
            return;

        var result = session.Load(new[] { path }, context.CancellationToken);
        foreach (var problem in result.Problems.Where(p => p.Id.StartsWith("CG1", StringComparison.Ordinal) && ComposePath.Normalize(p.Span.Path) == path))
            Report(context.ReportDiagnostic, session, problem);
    }

    /// <summary>CG2xxx–CG4xxx over the merged project.</summary>
    private static void AnalyzeProject(CompilationAnalysisContext context)
    {
        var session = ProjectSession.Create(context.Options, context.CancellationToken);
        if (session is null)
            return;

        var result = session.LoadProject(context.CancellationToken);
        var problems = result.Problems.Where(p => !p.Id.StartsWith("CG1", StringComparison.Ordinal))
            .Concat(ComposeRules.Run(result.Project));
        foreach (var problem in problems)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Report(context.ReportDiagnostic, session, problem);
        }
    }

    private static void Report(Action<Diagnostic> report, ProjectSession session, ComposeProblem problem)
    {
        if (!DiagnosticDescriptors.ComposeRules.TryGetValue(problem.Id, out var descriptor))
            return;
        var natural = problem.Severity switch
        {
            ProblemSeverity.Error => DiagnosticSeverity.Error,
            ProblemSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        var severity = session.Severities.For(ComposePath.Normalize(problem.Span.Path), descriptor, natural);
        if (severity is null)
            return;
        report(Diagnostic.Create(descriptor, LocationOf(problem.Span), severity.Value, additionalLocations: null, properties: null, problem.Message));
    }

    internal static Location LocationOf(SourceSpan span)
    {
        var start = new LinePosition(Math.Max(0, span.StartLine - 1), Math.Max(0, span.StartColumn - 1));
        var end = new LinePosition(Math.Max(0, span.EndLine - 1), Math.Max(0, span.EndColumn - 1));
        if (end < start)
            end = start;
        return Location.Create(span.Path, new TextSpan(span.Start, Math.Max(0, span.End - span.Start)), new LinePositionSpan(start, end));
    }

    /// <summary>The compose project of one analysis, and how severities are configured for its files.</summary>
    private sealed class ProjectSession
    {
        private readonly AnalyzerOptions _options;
        private readonly ComposeProjectLoader _loader;
        private SeverityConfiguration? _severities;

        private ProjectSession(AnalyzerOptions options, ComposeProjectLoader loader)
        {
            _options = options;
            _loader = loader;
        }

        public ProjectInputs Inputs => _loader.Inputs;

        public SeverityConfiguration Severities => _severities ??= SeverityConfiguration.From(_options);

        public static ProjectSession? Create(AnalyzerOptions options, CancellationToken cancellationToken)
            => ComposeProjectLoader.Find(options, cancellationToken) is { } loader ? new ProjectSession(options, loader) : null;

        public ComposeLoadResult Load(IReadOnlyList<string> files, CancellationToken cancellationToken) => _loader.Load(files, cancellationToken);

        public ComposeLoadResult LoadProject(CancellationToken cancellationToken) => _loader.LoadProject(cancellationToken);
    }
}
