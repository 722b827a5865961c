using ComposeGen.Model;
using ComposeGen.Parsing;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Tests.Support;

/// <summary>Loads compose snippets held in memory, so a test reads as "this YAML in, this model out".</summary>
internal static class TestCompose
{
    public const string MainFile = "/app/compose.yaml";

    public static ComposeLoadResult Load(string yaml, IReadOnlyDictionary<string, string>? variables = null, params (string Path, string Text)[] otherFiles)
    {
        var files = new Dictionary<string, string> { [MainFile] = yaml };
        foreach (var (path, text) in otherFiles)
            files[path] = text;
        return ComposeLoader.Load(new ComposeLoadRequest(
            new[] { MainFile }.Concat(otherFiles.Where(f => f.Path.Contains("override")).Select(f => f.Path)).ToList(),
            new DictionaryFileSource(files),
            new DictionaryVariableSource(variables ?? new Dictionary<string, string>())));
    }

    public static ComposeProject Project(string yaml, IReadOnlyDictionary<string, string>? variables = null, params (string Path, string Text)[] otherFiles)
    {
        var result = Load(yaml, variables, otherFiles);
        Assert.True(result.Problems.IsEmpty, "unexpected problems:\n" + string.Join("\n", result.Problems));
        return result.Project;
    }

    public static Service Service(this ComposeProject project, string name)
        => project.FindService(name) ?? throw new Xunit.Sdk.XunitException($"no service '{name}' in [{string.Join(", ", project.Services.Select(s => s.Name))}]");

    public static ComposeProblem Single(this ComposeLoadResult result, string id)
    {
        var matching = result.Problems.Where(p => p.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got:\n" + string.Join("\n", result.Problems));
        return matching[0];
    }

    public static YamlReadResult Read(string yaml, IReadOnlyDictionary<string, string>? variables = null, ParserLimits? limits = null)
        => YamlReader.Read(yaml, MainFile, new DictionaryVariableSource(variables ?? new Dictionary<string, string>()), limits);
}
