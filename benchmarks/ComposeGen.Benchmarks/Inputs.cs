using ComposeGen.Parsing.Loading;

namespace ComposeGen.Benchmarks;

/// <summary>One compose project of an input: its directory and its files in merge order (main file first).</summary>
public sealed record BenchProject(string Directory, IReadOnlyList<string> Files);

/// <summary>
/// What every benchmark of one input works on: the texts (absolute paths → text) and the projects.
/// The real corpus is 72 projects (one per compose file); a synthetic input is one project of two files.
/// </summary>
public sealed class BenchInput
{
    private BenchInput(string name, IReadOnlyDictionary<string, string> texts, IReadOnlyList<BenchProject> projects)
    {
        Name = name;
        Texts = texts;
        Projects = projects;
        Source = new DictionaryFileSource(texts);
    }

    public string Name { get; }

    /// <summary>Every file of the input, by absolute path. The floor loads each of them once.</summary>
    public IReadOnlyDictionary<string, string> Texts { get; }

    public IReadOnlyList<BenchProject> Projects { get; }

    /// <summary>All the texts, for the loader: <c>extends.file</c> and <c>include</c> find their files here.</summary>
    public DictionaryFileSource Source { get; }

    public long Characters => Texts.Values.Sum(t => (long)t.Length);

    /// <summary>The names <see cref="Load"/> understands, smallest first.</summary>
    public static readonly string[] Names = { "corpus", "10", "100", "1000", "5000" };

    public static BenchInput Load(string name)
        => name == "corpus" ? Corpus() : Synthetic(int.Parse(name, System.Globalization.CultureInfo.InvariantCulture));

    public static BenchInput Synthetic(int services)
    {
        var directory = $"/bench/synthetic-{services}";
        var files = SyntheticCompose.Generate(services);
        var texts = files.ToDictionary(f => $"{directory}/{f.Name}", f => f.Text, StringComparer.Ordinal);
        return new BenchInput(services.ToString(System.Globalization.CultureInfo.InvariantCulture), texts,
            new[] { new BenchProject(directory, files.Select(f => $"{directory}/{f.Name}").ToList()) });
    }

    /// <summary>
    /// Every <c>*.yaml</c> / <c>*.yml</c> under the corpus's awesome-compose and compose-go/loader/testdata,
    /// read at startup; each file is the main file of its own project.
    /// </summary>
    public static BenchInput Corpus()
    {
        var root = CorpusRoot();
        var paths = new[] { "awesome-compose", Path.Combine("compose-go", "loader", "testdata") }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
        var texts = paths.ToDictionary(p => p, File.ReadAllText, StringComparer.Ordinal);
        var projects = paths.Select(p => new BenchProject(Path.GetDirectoryName(p)!.Replace('\\', '/'), new[] { p })).ToList();
        return new BenchInput("corpus", texts, projects);
    }

    /// <summary>tests/ComposeGen.Tests/Corpus, found from the working directory or the assembly's directory upwards.</summary>
    private static string CorpusRoot()
    {
        var relative = Path.Combine("tests", "ComposeGen.Tests", "Corpus");
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }
}
