using System.Text.Json;
using ComposeGen.Parsing.DotEnv;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Tests.Conformance;

/// <summary>What the corpus manifests say about a file: valid or invalid for compose-go, and with which variables.</summary>
/// <param name="WorkingDirectory">
/// Where the file is loaded from, relative to the corpus root. compose-go's inline tests ran with the
/// Go package's directory as working directory, so their relative paths ("testdata/extends/base.yaml")
/// resolve from there, not from where the snippet is stored.
/// </param>
/// <param name="OverrideFiles">Snippets the Go test loads after this one, as override files (stored paths).</param>
/// <param name="PartnerFiles">Snippets the Go test writes beside the main file: file name → stored path.</param>
public sealed record CorpusCase(
    string RelativePath,
    bool Valid,
    IReadOnlyDictionary<string, string> Variables,
    bool SkipConsistencyCheck,
    string Note,
    string? WorkingDirectory = null,
    IReadOnlyList<string>? OverrideFiles = null,
    IReadOnlyDictionary<string, string>? PartnerFiles = null)
{
    public override string ToString() => RelativePath;
}

/// <summary>
/// The corpus cases, from awesome-compose (all valid), compose-go's testdata (MANIFEST.md) and
/// compose-go's inline loader tests (MANIFEST.json).
/// </summary>
public static class CorpusFiles
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>compose-go/MANIFEST.md: files its tests expect the loader to reject.</summary>
    private static readonly Dictionary<string, string> InvalidTestdata = new()
    {
        ["compose-go/loader/testdata/compose-include-cycle.yaml"] = "include cycle detected",
        ["compose-go/loader/testdata/compose-depends-on-cycle.yaml"] = "dependency cycle detected",
        ["compose-go/loader/testdata/compose-depends-on-self.yaml"] = "dependency cycle detected",
        ["compose-go/loader/testdata/compose-depends-on-profile-no-cycle.yaml"] = "same content as the cycle fixture (MANIFEST.md)",
        ["compose-go/loader/testdata/empty.yaml"] = "empty compose file",
    };

    /// <summary>
    /// Files not loaded on their own, with why. compose-go reads remote/** through a custom
    /// "remote:" resource loader that only its test defines; there is no such thing for a user.
    /// </summary>
    public static readonly Dictionary<string, string> NotStandalone = new()
    {
        ["compose-go/loader/testdata/remote/compose.yaml"] = "read through a test-only 'remote:' resource loader",
        ["compose-go/loader/testdata/remote/cycle/compose.yaml"] = "read through a test-only 'remote:' resource loader",
        ["compose-go/loader/testdata/remote/cycle/compose-cycle.yaml"] = "read through a test-only 'remote:' resource loader",
        ["compose-go/loader/testdata/remote/nested/compose.yaml"] = "read through a test-only 'remote:' resource loader",
        ["compose-go/loader/testdata/remote/nested/compose-nested.yaml"] = "read through a test-only 'remote:' resource loader",
        ["compose-go/loader/testdata/extends/base.yaml"] = "partner loaded with SkipValidation: its 'nil:' service is null on purpose",
        ["compose-go/loader/testdata/extends/depends_on.yaml"] = "partner: only meaningful when extended without its 'zot' (TestExtendsWithServiceRef)",
    };

    public static IEnumerable<CorpusCase> All() => AwesomeCompose().Concat(Testdata()).Concat(InlineLoaderTests());

    public static IEnumerable<CorpusCase> AwesomeCompose()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "awesome-compose"), "compose.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return new CorpusCase(Relative(file), true, DotEnvBeside(file), false, "awesome-compose sample");
    }

    public static IEnumerable<CorpusCase> Testdata()
    {
        var directories = new[] { "compose-go/loader/testdata", "compose-go/cli/testdata", "compose-go/schema" };
        foreach (var directory in directories)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, directory), "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Relative(file);
                if (NotStandalone.ContainsKey(relative))
                    continue;
                var invalid = InvalidTestdata.TryGetValue(relative, out var why);
                // TestValidateVariables only runs the schema over this file: its networks are never declared.
                var schemaOnly = relative == "compose-go/schema/using-variables.yaml";
                yield return new CorpusCase(relative, !invalid, DotEnvBeside(file), schemaOnly, why ?? "MANIFEST.md: valid");
            }
        }
    }

    /// <summary>
    /// compose-go's override tests load their snippets together: the first as the main file, the next as
    /// override files. TestOverrideMiddle writes its first two snippets as base.yaml and override.yaml,
    /// which the third extends.
    /// </summary>
    private const string OverrideTests = "compose-go/_inline-loader-tests/loader/override/";

    public static IEnumerable<CorpusCase> InlineLoaderTests()
    {
        var manifest = Path.Combine(Root, "compose-go", "_inline-loader-tests", "MANIFEST.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var entries = json.RootElement.EnumerateArray().ToList();
        foreach (var entry in entries)
        {
            var stored = "compose-go/_inline-loader-tests/" + entry.GetProperty("file").GetString();
            var test = entry.GetProperty("test").GetString()!;
            var group = entries.Where(e => e.GetProperty("test").GetString() == test)
                .Select(e => "compose-go/_inline-loader-tests/" + e.GetProperty("file").GetString()).ToList();
            if (stored.StartsWith(OverrideTests, StringComparison.Ordinal) && group.Count > 1)
            {
                if (stored != group[0])
                    continue; // loaded with the first snippet of its test
                var goPackage = entry.GetProperty("source").GetString()!;
                var workingDirectory = "compose-go/" + goPackage.Substring(0, goPackage.LastIndexOf('/'));
                yield return test == "TestOverrideMiddle"
                    ? new CorpusCase(group[2], true, new Dictionary<string, string>(), false, "base.yaml + override.yaml + compose.yaml",
                        workingDirectory, null,
                        new Dictionary<string, string> { ["base.yaml"] = group[0], ["override.yaml"] = group[1] })
                    : new CorpusCase(stored, entry.GetProperty("expectation").GetString() == "valid", new Dictionary<string, string>(), false,
                        $"{test}: {group.Count} snippets loaded as main + overrides", workingDirectory, group.Skip(1).ToList());
                continue;
            }

            var expectation = entry.GetProperty("expectation").GetString();
            if (expectation is not ("valid" or "invalid"))
                continue;
            var variables = new Dictionary<string, string>();
            if (entry.GetProperty("env_in_test") is { ValueKind: JsonValueKind.Object } env)
            {
                foreach (var variable in env.EnumerateObject())
                    variables[variable.Name] = variable.Value.GetString() ?? "";
            }

            var file = stored;
            if (NeedsFilesWrittenByTheGoTest.ContainsKey(file))
                continue;
            var options = entry.GetProperty("loader_options_in_test").EnumerateArray().Select(o => o.GetString()).ToList();
            var goFile = entry.GetProperty("source").GetString()!;
            yield return new CorpusCase(
                file,
                expectation == "valid",
                variables,
                options.Contains("SkipConsistencyCheck"),
                entry.GetProperty("note").GetString() ?? "",
                "compose-go/" + goFile.Substring(0, goFile.LastIndexOf('/')));
        }
    }

    /// <summary>
    /// Inline snippets whose test writes its partner files to a temporary directory at run time (or reads
    /// them through a test-only "remote:" loader): alone, they cannot load, so they are not counted.
    /// </summary>
    public static readonly Dictionary<string, string> NeedsFilesWrittenByTheGoTest = new()
    {
        ["compose-go/_inline-loader-tests/loader/extends/TestLoadExtendsSameFile__2.yaml"] = "includes sub/compose.yaml written by the test",
        ["compose-go/_inline-loader-tests/loader/extends/TestLoadExtendsListenerMultipleFiles__2.yaml"] = "extends sub/compose.yaml written by the test",
        ["compose-go/_inline-loader-tests/loader/include/TestLoadWithIncludeEnv.yaml"] = "includes module/compose.yml written by the test",
        ["compose-go/_inline-loader-tests/loader/include/TestNestedIncludeAndExtends.yaml"] = "includes dir/included.yaml written by the test",
        ["compose-go/_inline-loader-tests/loader/include/TestNestedIncludeAndExtends__2.yaml"] = "extends dir/extended.yaml written by the test",
        ["compose-go/_inline-loader-tests/loader/loader/TestLoadExtendsMultipleFiles__3.yaml"] = "extends a/compose.yaml and b/compose.yaml written by the test",
        ["compose-go/_inline-loader-tests/loader/loader/TestLoadWithRemoteResources.yaml"] = "extends through the test-only 'remote:' loader",
        ["compose-go/_inline-loader-tests/loader/loader/TestLoadWithNestedResources.yaml"] = "includes through the test-only 'remote:' loader",
        ["compose-go/_inline-loader-tests/loader/loader/TestLoadEmptyContent_MissingProject.yaml"] = "the test gives the loader no file path and no working directory; a file on disk always has a directory to name the project",
    };

    public static ComposeLoadResult Load(CorpusCase corpusCase)
    {
        var directory = Path.Combine(Root, corpusCase.WorkingDirectory ?? Path.GetDirectoryName(corpusCase.RelativePath)!);
        var virtualFiles = new Dictionary<string, string>();
        string Place(string storedRelative, string name)
        {
            var path = Path.Combine(directory, name);
            virtualFiles[path] = File.ReadAllText(Path.Combine(Root, storedRelative));
            return path;
        }

        var files = new List<string> { Place(corpusCase.RelativePath, Path.GetFileName(corpusCase.RelativePath)) };
        foreach (var overrideFile in corpusCase.OverrideFiles ?? Array.Empty<string>())
            files.Add(Place(overrideFile, Path.GetFileName(overrideFile)));
        foreach (var (name, storedRelative) in corpusCase.PartnerFiles ?? new Dictionary<string, string>())
            Place(storedRelative, name);

        return ComposeLoader.Load(new ComposeLoadRequest(files, new FileSystemSource(virtualFiles), new DictionaryVariableSource(corpusCase.Variables)));
    }

    private static Dictionary<string, string> DotEnvBeside(string composeFile)
    {
        var envPath = Path.Combine(Path.GetDirectoryName(composeFile)!, ".env");
        return File.Exists(envPath)
            ? DotEnvParser.Parse(File.ReadAllText(envPath), envPath).ToDictionary().ToDictionary(p => p.Key, p => p.Value)
            : new Dictionary<string, string>();
    }

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');
}

/// <summary>The file system (plus files placed virtually), for tests only: the analyzers get their files from the compiler.</summary>
public sealed class FileSystemSource : IComposeFileSource
{
    private readonly Dictionary<string, string> _virtual;

    public FileSystemSource(Dictionary<string, string>? virtualFiles = null)
        => _virtual = (virtualFiles ?? new()).ToDictionary(f => ComposePath.Normalize(f.Key), f => f.Value);

    public string? ReadText(string path)
        => _virtual.TryGetValue(ComposePath.Normalize(path), out var text) ? text : File.Exists(path) ? File.ReadAllText(path) : null;
}
