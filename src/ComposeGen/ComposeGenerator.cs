using System;
using System.Linq;
using ComposeGen.Emit;
using ComposeGen.Model;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis;

namespace ComposeGen;

/// <summary>
/// Emits the typed <c>Compose</c> API from the project's compose files.
/// <para>
/// YAML additional files → (path, kind, text) → the project's files in merge order → compose model →
/// API model (no spans: a comment edit stops here) → source. The compilation contributes one bool,
/// whether Microsoft.Extensions.Configuration is referenced, so a C# edit re-runs no YAML step.
/// </para>
/// <para>
/// The generator reports no diagnostics (the analyzers do) and never throws: whatever part of a
/// broken file can be read is still emitted. It never sees <c>.env</c> values: it loads the files with
/// no variables at all, so only what the compose files themselves say reaches the code.
/// </para>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ComposeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // C# 7.3 (the default of netstandard2.0 and .NET Framework projects) gets the same code without its
        // nullable annotations.
        var csharp73 = context.ParseOptionsProvider
            .Select(static (parseOptions, _) => CSharp73Downlevel.Needed(parseOptions))
            .WithTrackingName(TrackingNames.LanguageVersion);

        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ComposeInputs.Read(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.InputFiles);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var projectFiles = files.Collect()
            .Combine(options)
            .Select(static (pair, _) => ComposeInputs.Select(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ProjectFiles);

        // The run-time support code comes with a compose project; a project without one gets nothing at all.
        var runtime = projectFiles
            .Select(static (inputs, _) => inputs is not null)
            .Combine(csharp73);
        context.RegisterSourceOutput(runtime, static (output, pair) =>
        {
            var (hasProject, downlevel) = pair;
            if (!hasProject)
                return;
            foreach (var (hintName, text) in downlevel ? RuntimeSources.ForCSharp73 : RuntimeSources.All)
                output.AddSource(hintName, text);
        });

        var composeModel = projectFiles
            .Select(static (inputs, _) => inputs is null ? null : Load(inputs))
            .WithTrackingName(TrackingNames.ComposeModel);

        var usesConfiguration = context.CompilationProvider
            .Select(static (compilation, _) => compilation.ReferencedAssemblyNames.Any(a => a.Name == "Microsoft.Extensions.Configuration"))
            .WithTrackingName(TrackingNames.UsesConfiguration);

        var apiModel = composeModel
            .Combine(usesConfiguration)
            .Select(static (pair, _) => pair.Left is null ? null : BuildApi(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.ApiModel);

        var source = apiModel
            .Select(static (api, _) => api is null ? null : ComposeEmitter.Emit(api))
            .WithTrackingName(TrackingNames.Source);

        context.RegisterSourceOutput(source.Combine(csharp73), static (output, pair) =>
        {
            var (text, downlevel) = pair;
            if (text is not null)
                output.AddSource(ComposeEmitter.HintName, downlevel ? CSharp73Downlevel.Rewrite(text, RuntimeSources.ValueTypes) : text);
        });
    }

    /// <summary>The compose model, loaded from the additional files' texts only, with no variables (shared with the analyzers of the same build when they have no <c>.env</c> either).</summary>
    private static LoadedProject Load(ProjectInputs inputs) => new(ProjectLoadCache.Load(inputs).Project, inputs);

    private static ApiProject? BuildApi(LoadedProject loaded, bool usesConfiguration)
    {
        try
        {
            return ApiModelBuilder.Build(loaded.Project, Namespace(loaded.Inputs.Options.Namespace), loaded.Inputs.DotEnvPath, loaded.Inputs.ComposeDirectory, usesConfiguration);
        }
        catch (Exception)
        {
            // Never take the build down: the analyzers report what is wrong with the files.
            return null;
        }
    }

    /// <summary>A namespace that compiles: each dotted part made a valid identifier.</summary>
    private static string Namespace(string name)
        => string.Join(".", name.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries).Select(part => Identifiers.IsValid(part) ? part : Identifiers.Pascal(part)));

    private sealed record LoadedProject(ComposeProject Project, ProjectInputs Inputs);
}

/// <summary>The names of the pipeline's steps, for incrementality tests and the IDE's generator diagnostics.</summary>
public static class TrackingNames
{
    public const string InputFiles = nameof(InputFiles);
    public const string Options = nameof(Options);
    public const string LanguageVersion = nameof(LanguageVersion);
    public const string ProjectFiles = nameof(ProjectFiles);
    public const string ComposeModel = nameof(ComposeModel);
    public const string UsesConfiguration = nameof(UsesConfiguration);
    public const string ApiModel = nameof(ApiModel);
    public const string Source = nameof(Source);
}
