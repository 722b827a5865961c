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

    /// <summary>The whole project, in merge order: the generator's load of the same build whenever the <c>.env</c> values could not change it (see <see cref="ProjectLoadCache"/>).</summary>
    public ComposeLoadResult LoadProject(CancellationToken cancellationToken = default)
        => Load(Inputs.Files.Select(f => f.Path).ToArray(), cancellationToken);

    /// <summary>Loads <paramref name="files"/> in merge order, with the <c>.env</c> values; every YAML additional file can be reached by extends/include.</summary>
    public ComposeLoadResult Load(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
        => ProjectLoadCache.Load(Inputs, files, Variables(cancellationToken));

    /// <summary>The values of the <c>.env</c> additional file (none when there is no such file).</summary>
    private IVariableSource Variables(CancellationToken cancellationToken)
    {
        if (Inputs.DotEnvPath is not { } envPath || !_files.TryGetValue(ComposePath.Normalize(envPath), out var envFile) || envFile.GetText(cancellationToken) is not { } envText)
            return DictionaryVariableSource.Empty;
        return DotEnvParser.Parse(envText.ToString(), envPath).AsVariableSource();
    }
}
