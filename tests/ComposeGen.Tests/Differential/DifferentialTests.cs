using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ComposeGen.Parsing;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using Xunit;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Differential;

/// <summary>
/// A [Fact] that needs docker-compose: skipped with a hint when it is not installed, except on CI
/// (CI=true), where a missing reference implementation must fail the build rather than hide it.
/// </summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (DifferentialTests.IsCi)
            return;
        if (DockerComposeOracle.FindExecutable() is null)
            Skip = "docker-compose is not installed: run `apt-get install docker-compose` (Debian's 1.29.2) to run the differential test against it";
        else if (!DockerComposeOracle.IsReferenceVersion)
            Skip = $"the differential test is written against docker-compose 1.29.x (Debian's package: `apt-get install docker-compose`), but docker-compose on PATH is {DockerComposeOracle.Version ?? "a version that does not answer `docker-compose version --short`"}";
    }
}

/// <summary>Reads compose files from disk, with some paths overlaid by in-memory text (the inline snippets).</summary>
public sealed class FileSystemComposeSource : IComposeFileSource
{
    private readonly Dictionary<string, string> _overlay = new(StringComparer.Ordinal);

    public FileSystemComposeSource(IEnumerable<KeyValuePair<string, string>>? overlay = null)
    {
        foreach (var file in overlay ?? Array.Empty<KeyValuePair<string, string>>())
            _overlay[ComposePath.Normalize(file.Key)] = file.Value;
    }

    public string? ReadText(string path)
    {
        var normalized = ComposePath.Normalize(path);
        if (_overlay.TryGetValue(normalized, out var text))
            return text;
        return File.Exists(normalized) ? File.ReadAllText(normalized) : null;
    }
}

/// <summary>
/// Differential test: every compose file of the corpus is loaded by our parser and by the reference
/// implementation (docker-compose 1.29.2, <see cref="DockerComposeOracle"/>), both are mapped into
/// <see cref="NormalizedProject"/>, and every field must agree unless the allow-list below explains
/// the difference. Files v1 rejects (it predates include, !reset/!override, models, gpus and many
/// long-syntax fields) are not compared, only counted.
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class DifferentialTests
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Known disagreements, keyed by corpus file and field (<c>services.NAME.FIELD</c>, <c>services</c>,
    /// or <c>(accepted)</c> when v1 accepts a file that we reject). Each entry says whose fault it is.
    /// The test fails on any disagreement not listed here, and on any entry that no longer matches a
    /// disagreement (so a fixed bug must be removed from the list).
    /// </summary>
    private static readonly Dictionary<(string File, string Field), string> KnownDisagreements = new()
    {
        // --- Bugs in our parser: none open. (Fixed: services named x-foo were dropped as extensions.) ---

        // --- Where v1 is outdated ---
        // None among the files it accepts: every newer feature in the corpus (include, !reset /
        // !override, models, gpus, post_start, long-syntax env_file, app_protocol, host_ip,
        // ...) makes v1 reject the whole file, so it is counted as skipped rather than compared.
    };

    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    private static string CorpusRoot => ComposePath.Normalize(Path.Combine(AppContext.BaseDirectory, "Corpus"));

    [DockerComposeFact]
    public void Our_parser_agrees_with_docker_compose_v1_on_the_corpus()
    {
        if (DockerComposeOracle.FindExecutable() is null)
            Assert.Fail("docker-compose is not installed but CI=true: the differential test must run on CI (apt-get install docker-compose; .ci/run does it)");
        if (!DockerComposeOracle.IsReferenceVersion)
            Assert.Fail($"the differential test is written against docker-compose 1.29.x (Debian's package), but docker-compose on PATH is {DockerComposeOracle.Version ?? "a version that does not answer `docker-compose version --short`"}");

        var cases = CorpusCases(CorpusRoot, out var manifestSkipped);
        Assert.NotEmpty(cases);

        var stopwatch = Stopwatch.StartNew();
        using var oracle = DockerComposeOracle.Create(CorpusRoot, workers: Math.Clamp(Environment.ProcessorCount, 4, 8));
        foreach (var corpusCase in cases.Where(c => c.InlineText is not null))
            oracle.Place(corpusCase.Location, corpusCase.InlineText!);

        // The oracle itself must work (and see exactly the variables given), or every file would
        // just count as "v1 rejects it" and the test would pass without comparing anything.
        Environment.SetEnvironmentVariable("DIFFTEST_MACHINE_ONLY", "leaked");
        oracle.Place("_probe/compose.yaml", "services:\n  probe:\n    image: busybox:${PROBE_TAG}\n    environment:\n      - FROM_RUN\n      - DIFFTEST_MACHINE_ONLY\n");
        var probe = oracle.Config("_probe/compose.yaml", DockerComposeOracle.Environment(new Dictionary<string, string> { ["PROBE_TAG"] = "1.36", ["FROM_RUN"] = "yes" }));
        Assert.True(probe.Accepted, "docker-compose rejects a trivial compose file: " + probe.Message);
        var probed = Assert.Single(probe.Project!.Services.Values);
        Assert.Equal(("probe", "busybox:1.36"), (probed.Name, probed.Image));
        Assert.Equal(new[] { "DIFFTEST_MACHINE_ONLY (unset)", "FROM_RUN=yes" }, probed.Environment.Select(pair => pair.Key + (pair.Value is null ? " (unset)" : "=" + pair.Value)));

        var results = new CaseResult[cases.Count];
        Parallel.ForEach(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = oracle.Workers },
            index => results[index] = Run(cases[index], oracle));

        var compared = results.Where(r => r.Kind == CaseKind.Compared).ToList();
        var agreed = compared.Count(r => r.Differences.Count == 0);
        var v1Rejects = results.Where(r => r.Kind is CaseKind.TheyReject or CaseKind.BothReject).ToList();
        var weReject = results.Where(r => r.Kind == CaseKind.WeReject).ToList();

        var unexplained = new List<string>();
        var usedAllowances = new HashSet<(string, string)>();
        foreach (var result in results)
        {
            var differences = result.Kind switch
            {
                CaseKind.Compared => result.Differences,
                CaseKind.WeReject => new List<FieldDifference> { new("(accepted)", "rejected: " + result.OurMessage, "accepted") },
                CaseKind.Crashed => new List<FieldDifference> { new("(crash)", result.OurMessage, result.TheirMessage) },
                _ => new List<FieldDifference>(),
            };

            var lines = new List<string>();
            foreach (var difference in differences)
            {
                if (KnownDisagreements.ContainsKey((result.Case.Id, difference.Field)))
                    usedAllowances.Add((result.Case.Id, difference.Field));
                else
                    lines.Add("    " + difference);
            }

            if (lines.Count > 0)
                unexplained.Add($"  {result.Case.Id}\n{string.Join("\n", lines)}");
        }

        var stale = KnownDisagreements.Keys.Where(key => !usedAllowances.Contains(key))
            .Select(key => $"  {key.File} / {key.Field}: listed as a known disagreement but they agree now (or v1 no longer accepts the file): remove it from KnownDisagreements")
            .ToList();

        foreach (var result in v1Rejects.OrderBy(r => r.Case.Id, StringComparer.Ordinal))
            _output.WriteLine($"skipped (v1 rejects{(result.Kind == CaseKind.BothReject ? ", and so do we" : ", we accept")}): {result.Case.Id}: {Shorten(result.TheirMessage)}"
                + (result.Kind == CaseKind.BothReject ? $" | ours: {Shorten(result.OurMessage)}" : ""));
        foreach (var (id, reason) in manifestSkipped)
            _output.WriteLine($"skipped (manifest: {reason}): {id}");
        foreach (var result in results.Where(r => r.TheirMessage.Length > 0 && r.Kind is CaseKind.Compared or CaseKind.WeReject))
            _output.WriteLine($"note: {result.Case.Id}: {result.TheirMessage}");

        _output.WriteLine(
            $"differential vs docker-compose 1.29.2: {compared.Count} files compared, {agreed} agree exactly, " +
            $"{compared.Count - agreed} differ ({usedAllowances.Count} allow-listed field differences); " +
            $"{weReject.Count} accepted by v1 but rejected by us; {v1Rejects.Count} skipped because v1 rejects them " +
            $"({v1Rejects.Count(r => r.Kind == CaseKind.BothReject)} of them we reject too); " +
            $"{manifestSkipped.Count} skipped by the manifests; {stopwatch.Elapsed.TotalSeconds:0.0} s ({oracle.Mode})");

        if (unexplained.Count > 0 || stale.Count > 0)
        {
            var message = new StringBuilder();
            if (unexplained.Count > 0)
                message.Append($"{unexplained.Count} file(s) disagree with docker-compose 1.29.2 (not in KnownDisagreements):\n").AppendJoin("\n", unexplained).Append('\n');
            if (stale.Count > 0)
                message.Append("Stale allow-list entries:\n").AppendJoin("\n", stale);
            Assert.Fail(message.ToString());
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "...";

    private static CaseResult Run(CorpusCase corpusCase, DockerComposeOracle oracle)
    {
        var environment = DockerComposeOracle.Environment(corpusCase.DotEnv.Concat(corpusCase.Variables));
        try
        {
            var path = ComposePath.Combine(CorpusRoot, corpusCase.Location);
            var overlay = corpusCase.InlineText is null
                ? null
                : new[] { new KeyValuePair<string, string>(path, corpusCase.InlineText) };
            var variables = new DictionaryVariableSource(environment);
            var ours = ComposeLoader.Load(new ComposeLoadRequest(new[] { path }, new FileSystemComposeSource(overlay), variables, DockerComposeOracle.ProjectName));
            var ourErrors = string.Join("; ", ours.Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.ToString().Replace(CorpusRoot, PathContext.CorpusToken, StringComparison.Ordinal)));
            var theirs = oracle.Config(corpusCase.Location, environment);

            if (theirs.Broken)
                return new CaseResult(corpusCase, CaseKind.Crashed, new(), ourErrors, "docker-compose gave no answer: " + theirs.Message);
            if (!theirs.Accepted)
                return new CaseResult(corpusCase, ours.HasErrors ? CaseKind.BothReject : CaseKind.TheyReject, new(), ourErrors, theirs.Message);
            if (ours.HasErrors)
                return new CaseResult(corpusCase, CaseKind.WeReject, new(), ourErrors, theirs.Message);

            var differences = NormalizedProject.Compare(NormalizedProject.FromModel(ours.Project, variables, oracle.Paths), theirs.Project!);
            return new CaseResult(corpusCase, CaseKind.Compared, differences, "", theirs.Message);
        }
        catch (Exception exception)
        {
            return new CaseResult(corpusCase, CaseKind.Crashed, new(), exception.ToString(), "");
        }
    }

    private enum CaseKind
    {
        Compared,
        TheyReject,
        BothReject,
        WeReject,
        Crashed,
    }

    private sealed record CaseResult(CorpusCase Case, CaseKind Kind, List<FieldDifference> Differences, string OurMessage, string TheirMessage);

    /// <summary>
    /// One file to compare. <see cref="Id"/> is its path in the corpus (the allow-list key);
    /// <see cref="Location"/> is where both loaders see it, relative to the corpus root: the file
    /// itself, or for an inline snippet a made-up name in the directory its Go test ran from
    /// (compose-go/loader or compose-go/loader/tests), so that its relative paths (testdata/...) resolve.
    /// </summary>
    private sealed record CorpusCase(
        string Id,
        string Location,
        string? InlineText,
        IReadOnlyDictionary<string, string> Variables,
        IReadOnlyDictionary<string, string> DotEnv);

    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    private static List<CorpusCase> CorpusCases(string corpusRoot, out List<(string Id, string Reason)> skipped)
    {
        var cases = new List<CorpusCase>();
        skipped = new List<(string, string)>();

        // awesome-compose: one compose.yaml / compose.yml per sample, all valid.
        foreach (var directory in Directory.EnumerateDirectories(Path.Combine(corpusRoot, "awesome-compose")).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Where(IsYaml).Order(StringComparer.Ordinal))
                cases.Add(FileCase(corpusRoot, file));
        }

        // compose-go fixture trees: every YAML file except what MANIFEST.md marks partner / INVALID / unreferenced.
        var composeGo = Path.Combine(corpusRoot, "compose-go");
        var excluded = ManifestExclusions(File.ReadAllLines(Path.Combine(composeGo, "MANIFEST.md")));
        foreach (var file in Directory.EnumerateFiles(composeGo, "*", SearchOption.AllDirectories).Where(IsYaml).Order(StringComparer.Ordinal))
        {
            var id = Relative(corpusRoot, file);
            if (id.StartsWith("compose-go/_inline-loader-tests/", StringComparison.Ordinal))
                continue;
            var exclusion = excluded.FirstOrDefault(e => e.Pattern.EndsWith("/**", StringComparison.Ordinal)
                ? id.StartsWith(e.Pattern[..^2], StringComparison.Ordinal)
                : id == e.Pattern);
            if (exclusion.Pattern is not null)
                skipped.Add((id, exclusion.Reason));
            else
                cases.Add(FileCase(corpusRoot, file));
        }

        // Inline loader snippets: MANIFEST.json's expectation and the variables the Go test passed.
        var inline = Path.Combine(composeGo, "_inline-loader-tests");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(inline, "MANIFEST.json")));
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.RootElement.EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            listed.Add(file);
            var id = "compose-go/_inline-loader-tests/" + file;
            var expectation = entry.GetProperty("expectation").GetString()!;
            // conditional = valid when the caller gives a project name (we always do);
            // either = an alias bomb that may load or be refused: both loaders must cope with it.
            if (expectation is not ("valid" or "conditional" or "either"))
            {
                skipped.Add((id, expectation));
                continue;
            }

            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            if (entry.TryGetProperty("env_in_test", out var env) && env.ValueKind == JsonValueKind.Object)
            {
                foreach (var variable in env.EnumerateObject())
                    variables[variable.Name] = variable.Value.GetString() ?? "";
            }

            // "loader/extends_test.go:31" → the test ran in compose-go/loader.
            var goFile = entry.GetProperty("source").GetString()!.Split(':')[0];
            var workingDirectory = "compose-go/" + Path.GetDirectoryName(goFile)!.Replace('\\', '/');
            var location = $"{workingDirectory}/_inline.{file.Replace('/', '.')}";
            cases.Add(new CorpusCase(id, location, File.ReadAllText(Path.Combine(inline, file)), variables, NoVariables));
        }

        foreach (var file in Directory.EnumerateFiles(inline, "*", SearchOption.AllDirectories).Where(IsYaml))
        {
            var relative = Relative(inline, file);
            if (!listed.Contains(relative))
                skipped.Add(("compose-go/_inline-loader-tests/" + relative, "not in MANIFEST.json"));
        }

        return cases;
    }

    private static CorpusCase FileCase(string corpusRoot, string file)
    {
        var dotEnv = Path.Combine(Path.GetDirectoryName(file)!, ".env");
        var id = Relative(corpusRoot, file);
        return new CorpusCase(id, id, null, NoVariables, File.Exists(dotEnv) ? ReadDotEnv(dotEnv) : NoVariables);
    }

    private static bool IsYaml(string file) => file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal);

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    /// <summary>
    /// The loader/testdata rows of compose-go/MANIFEST.md whose outcome is partner (only reached
    /// through extends/include), INVALID, or unreferenced: <c>| file[, file] [(+ ...)] | outcome | notes |</c>,
    /// where a file may end in <c>/**</c>.
    /// </summary>
    private static List<(string Pattern, string Reason)> ManifestExclusions(string[] lines)
    {
        var result = new List<(string, string)>();
        var inLoaderTable = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                inLoaderTable = line.Contains("loader/testdata", StringComparison.Ordinal);
            if (!inLoaderTable || !line.StartsWith("| ", StringComparison.Ordinal))
                continue;
            var cells = line.Split('|');
            if (cells.Length < 3)
                continue;
            var outcome = cells[2].Trim().Replace("*", "", StringComparison.Ordinal);
            var lower = outcome.ToLowerInvariant();
            if (!(lower.Contains("partner", StringComparison.Ordinal) || lower.Contains("invalid", StringComparison.Ordinal) || lower.Contains("unreferenced", StringComparison.Ordinal)))
                continue;
            var files = Regex.Replace(cells[1].Replace("`", "", StringComparison.Ordinal), @"\(\+[^)]*\)", "");
            foreach (var file in files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                result.Add(("compose-go/loader/testdata/" + file, outcome));
        }

        return result;
    }

    /// <summary>
    /// A minimal .env reader (KEY=VALUE, <c>export</c>, quotes, <c>#</c> comments). Its values go to
    /// both sides through the process environment, which wins over v1's own reading of .env, so both
    /// see the same variables and the .env parser is not what this test compares.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ReadDotEnv(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export ", StringComparison.Ordinal))
                line = line.Substring("export ".Length).TrimStart();
            var equals = line.IndexOf('=');
            if (equals <= 0)
                continue;
            var key = line.Substring(0, equals).Trim();
            var value = line.Substring(equals + 1).Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value.IndexOf(value[0], 1) is var close and > 0)
                value = value.Substring(1, close - 1);
            else if (Regex.Match(value, @"\s#") is { Success: true } comment)
                value = value.Substring(0, comment.Index).TrimEnd();
            values[key] = value;
        }

        return values;
    }
}

/// <summary>The differential test drives external processes: it runs alone, not beside the CPU-heavy tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DifferentialCollection
{
    public const string Name = "docker-compose oracle";
}
