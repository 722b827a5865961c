using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ComposeGen.Parsing.DotEnv;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Analysis;

/// <summary>
/// The compose project of an analysis: the generator's choice of files among the additional files,
/// loaded with the variables of its <c>.env</c> additional file — what docker compose would see on a
/// machine with no shell variables set (analyzers do not read the build's environment). Shared by the
/// compose analyzer and the analyzer of C# literals.
/// </summary>
internal sealed class ComposeProjectLoader
{
    private readonly Dictionary<string, AdditionalText> _files;

    private ComposeProjectLoader(Dictionary<string, AdditionalText> files, ProjectInputs inputs)
    {
        _files = files;
        Inputs = inputs;
    }

    public ProjectInputs Inputs { get; }

    /// <summary>Null when the compilation has no compose project (or ComposeGen is disabled).</summary>
    public static ComposeProjectLoader? Find(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, AdditionalText>(StringComparer.Ordinal);
        foreach (var file in options.AdditionalFiles)
            files[ComposePath.Normalize(file.Path)] = file;
        var yaml = options.AdditionalFiles
            .Select(file => ComposeInputs.Read(file, options.AnalyzerConfigOptionsProvider, cancellationToken))
            .ToImmutableArray();
        var inputs = ComposeInputs.Select(yaml, GeneratorOptions.From(options.AnalyzerConfigOptionsProvider.GlobalOptions));
        return inputs is null ? null : new ComposeProjectLoader(files, inputs);
    }

    /// <summary>The chosen inputs and the merged project, or null when there is no compose project.</summary>
    public static (ProjectInputs Inputs, ComposeLoadResult Result)? Load(AnalyzerOptions options, CancellationToken cancellationToken)
        => Find(options, cancellationToken) is { } loader ? (loader.Inputs, loader.LoadProject(cancellationToken)) : null;

    /// <summary>The whole project, in merge order. With no <c>.env</c> values it is the load the generator made in the same build, shared.</summary>
    public ComposeLoadResult LoadProject(CancellationToken cancellationToken = default)
        => Variables(cancellationToken) is { } variables
            ? ComposeLoader.Load(ProjectLoadCache.Request(Inputs, Inputs.Files.Select(f => f.Path).ToList(), variables))
            : ProjectLoadCache.Load(Inputs);

    /// <summary>
    /// Loads <paramref name="files"/> in merge order; every YAML additional file can be reached by extends/include. The
    /// project's own files (a one-file project's file alone, for instance) are <see cref="LoadProject"/>.
    /// </summary>
    public ComposeLoadResult Load(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
        => files.SequenceEqual(Inputs.Files.Select(f => f.Path), StringComparer.Ordinal)
            ? LoadProject(cancellationToken)
            : ComposeLoader.Load(ProjectLoadCache.Request(Inputs, files, Variables(cancellationToken) ?? DictionaryVariableSource.Empty));

    /// <summary>The values of the <c>.env</c> additional file; null when there is none or it sets nothing.</summary>
    private IVariableSource? Variables(CancellationToken cancellationToken)
    {
        if (Inputs.DotEnvPath is not { } envPath || !_files.TryGetValue(ComposePath.Normalize(envPath), out var envFile) || envFile.GetText(cancellationToken) is not { } envText)
            return null;
        var parsed = DotEnvParser.Parse(envText.ToString(), envPath);
        return parsed.Entries.IsEmpty ? null : parsed.AsVariableSource();
    }
}
