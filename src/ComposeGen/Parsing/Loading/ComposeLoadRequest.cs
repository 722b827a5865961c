using System.Collections.Generic;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Loading;

/// <summary>Reads a file's text by path; null when there is no such file. Never the file system in analyzers.</summary>
public interface IComposeFileSource
{
    string? ReadText(string path);
}

public sealed class DictionaryFileSource : IComposeFileSource
{
    private readonly Dictionary<string, string> _files = new(System.StringComparer.Ordinal);

    public DictionaryFileSource(IEnumerable<KeyValuePair<string, string>> files)
    {
        foreach (var file in files)
            _files[ComposePath.Normalize(file.Key)] = file.Value;
    }

    public string? ReadText(string path) => _files.TryGetValue(ComposePath.Normalize(path), out var text) ? text : null;
}

/// <summary>
/// What to load: the compose files in merge order (the first is the main file, the rest override it,
/// as with <c>docker compose -f a -f b</c>), the variables for interpolation (shell environment first,
/// then .env, as docker compose does), and an explicit project name if one was given.
/// </summary>
public sealed record ComposeLoadRequest(
    IReadOnlyList<string> Files,
    IComposeFileSource Source,
    IVariableSource Variables,
    string? ProjectName = null,
    ParserLimits? Limits = null);
