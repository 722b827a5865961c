using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Pipeline;

/// <summary>What an additional file is to ComposeGen. Set by the package's targets as <c>ComposeGenKind</c> metadata, else guessed from the name.</summary>
public enum ComposeFileKind
{
    Compose,
    Override,

    /// <summary>Some other YAML file (an OpenAPI document, a CI workflow): never the project, but <c>extends</c> and <c>include</c> may name it.</summary>
    Other,
}

/// <summary>A YAML additional file: its normalised path, what it is, and its text.</summary>
public sealed record ComposeInputFile(string Path, ComposeFileKind Kind, string Text);

/// <summary>The MSBuild properties ComposeGen reads (SPEC §2), as compiler-visible <c>build_property</c> values.</summary>
public sealed record GeneratorOptions(
    bool Enabled,
    EquatableArray<string> ComposeFiles,
    string? EnvFile,
    string? Service,
    string Namespace,
    string? ProjectName,
    string ProjectDirectory)
{
    /// <summary>
    /// Every <c>build_property</c> the options are read from. The three <c>ComposeGen*</c> ones are what
    /// ComposeGen.targets passes for the path-valued properties, URI-escaped: the compiler's .editorconfig reader,
    /// through which MSBuild hands properties over, cuts a value at <c>;</c> or <c>#</c> (a comment there), and
    /// both occur in paths and in a list of files. A project wired by hand passes the plain properties.
    /// </summary>
    public static readonly string[] PropertyNames =
    {
        "ComposeGenEnabled", "ComposeFiles", "ComposeEnvFile", "ComposeService", "ComposeNamespace", "RootNamespace",
        "ComposeProjectName", "MSBuildProjectDirectory", "ProjectDir",
        "ComposeGenComposeFiles", "ComposeGenEnvFile", "ComposeGenProjectDirectory",
    };

    public static GeneratorOptions From(AnalyzerConfigOptions options)
    {
        string? Get(string name) => options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        string? Escaped(string name, string plain) => Get(name) is { } escaped ? Unescape(escaped) : Get(plain);

        var projectDirectory = ComposePath.Normalize(Escaped("ComposeGenProjectDirectory", "MSBuildProjectDirectory") ?? Get("ProjectDir") ?? "");
        string Absolute(string path) => ComposePath.Combine(projectDirectory, path.Trim());
        var files = (Escaped("ComposeGenComposeFiles", "ComposeFiles") ?? "")
            .Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.Trim().Length > 0)
            .Select(Absolute)
            .ToEquatableArray();

        return new GeneratorOptions(
            !string.Equals(Get("ComposeGenEnabled"), "false", StringComparison.OrdinalIgnoreCase),
            files,
            Escaped("ComposeGenEnvFile", "ComposeEnvFile") is { } env && env.Trim().Length > 0 ? Absolute(env) : null,
            Get("ComposeService"),
            Get("ComposeNamespace") ?? Get("RootNamespace") ?? "",
            Get("ComposeProjectName"),
            projectDirectory);
    }

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}

/// <summary>
/// The files of the one compose project this compilation uses, in merge order, the other YAML files
/// that <c>extends</c> and <c>include</c> may reach, and the options.
/// </summary>
public sealed record ProjectInputs(EquatableArray<ComposeInputFile> Files, EquatableArray<ComposeInputFile> OtherFiles, string? DotEnvPath, GeneratorOptions Options)
{
    /// <summary>Every YAML file the loader may read, the project's own first.</summary>
    public System.Collections.Generic.IEnumerable<ComposeInputFile> Available => Files.Concat(OtherFiles);

    public string ComposeDirectory => ComposePath.Directory(Files[0].Path);
}

public static class ComposeInputs
{
    /// <summary>docker compose's own file names, in compose-go's order of precedence.</summary>
    public static readonly string[] ComposeFileNames = { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" };

    public static readonly string[] OverrideFileNames = { "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml" };

    private static bool IsAtOrAbove(string directory, string projectDirectory)
        => projectDirectory.Equals(directory, StringComparison.Ordinal)
           || projectDirectory.StartsWith(directory.EndsWith("/", StringComparison.Ordinal) ? directory : directory + "/", StringComparison.Ordinal);

    public static bool IsYaml(string path)
        => path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    public static ComposeInputFile? Read(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (!IsYaml(file.Path))
            return null;
        var path = ComposePath.Normalize(file.Path);
        options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.ComposeGenKind", out var kind);
        var text = file.GetText(cancellationToken)?.ToString();
        return text is null ? null : new ComposeInputFile(path, KindOf(path, kind), text);
    }

    /// <summary>What a YAML file is: the <c>ComposeGenKind</c> metadata when the targets set it, else docker compose's file names decide.</summary>
    public static ComposeFileKind KindOf(string path, string? metadata)
    {
        var name = ComposePath.FileName(path).ToLowerInvariant();
        return metadata?.Trim().ToLowerInvariant() switch
        {
            "override" => ComposeFileKind.Override,
            "compose" => ComposeFileKind.Compose,
            _ => ComposeFileNames.Contains(name) ? ComposeFileKind.Compose : OverrideFileNames.Contains(name) ? ComposeFileKind.Override : ComposeFileKind.Other,
        };
    }

    /// <summary>
    /// Chooses the compose project: the files listed in <c>ComposeFiles</c> (in that order), else the main
    /// compose file (docker compose's precedence; the one nearest the project when several directories
    /// have one) with the first override file beside it. Other YAML additional files are ignored.
    /// </summary>
    public static ProjectInputs? Select(ImmutableArray<ComposeInputFile?> candidates, GeneratorOptions options)
    {
        if (!options.Enabled)
            return null;
        // A file listed twice (by the project and by the package's targets) counts once.
        var files = candidates.Where(f => f is not null).Select(f => f!).GroupBy(f => f.Path, StringComparer.Ordinal).Select(g => g.First()).ToList();

        List<ComposeInputFile> chosen;
        if (!options.ComposeFiles.IsEmpty)
        {
            chosen = options.ComposeFiles
                .Select(path => files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.OrdinalIgnoreCase)))
                .Where(f => f is not null)
                .Select(f => f!)
                .ToList();
        }
        else
        {
            var main = files
                .Where(f => f.Kind == ComposeFileKind.Compose)
                // docker compose's search: the nearest directory at or above the project, then the name's precedence.
                // Depth counts up for directories at or above the project and down for the others, so one key orders both.
                .OrderByDescending(f => IsAtOrAbove(ComposePath.Directory(f.Path), options.ProjectDirectory) ? 1_000_000 + f.Path.Count(c => c == '/') : -f.Path.Count(c => c == '/'))
                .ThenBy(f => Array.IndexOf(ComposeFileNames, ComposePath.FileName(f.Path).ToLowerInvariant()) is var rank and >= 0 ? rank : int.MaxValue)
                .ThenBy(f => f.Path, StringComparer.Ordinal)
                .FirstOrDefault();
            if (main is null)
                return null;
            var directory = ComposePath.Directory(main.Path);
            chosen = new List<ComposeInputFile> { main };
            // One override file, the first in compose-go's order (docker compose warns about and ignores the others).
            chosen.AddRange(files
                .Where(f => f.Kind == ComposeFileKind.Override && ComposePath.Directory(f.Path) == directory)
                .OrderBy(f => Array.IndexOf(OverrideFileNames, ComposePath.FileName(f.Path).ToLowerInvariant()))
                .ThenBy(f => f.Path, StringComparer.Ordinal)
                .Take(1));
        }

        if (chosen.Count == 0)
            return null;

        var dotEnv = options.EnvFile ?? ComposePath.Combine(ComposePath.Directory(chosen[0].Path), ".env");
        var others = files.Where(f => !chosen.Contains(f)).OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray();
        return new ProjectInputs(chosen.ToEquatableArray(), others, dotEnv, options);
    }
}
