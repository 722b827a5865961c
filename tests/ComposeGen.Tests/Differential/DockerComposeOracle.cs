using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ComposeGen.Tests.Differential;

/// <summary>
/// What docker-compose said about one file: accepted (with the normalised project) or rejected (with
/// why). <see cref="Broken"/>: no answer at all (timed out, the driver died), which must fail the
/// test rather than count as a rejection, or a broken oracle would make every file "skipped".
/// </summary>
public sealed record OracleResult(bool Accepted, NormalizedProject? Project, string Message, bool Broken = false);

/// <summary>
/// The reference implementation: Debian's docker-compose 1.29.2 (the Python v1), run as
/// <c>docker-compose -f FILE config</c>, which prints the resolved configuration without a Docker
/// engine.
///
/// It reads a mirror of the corpus in a temp directory, never the corpus itself:
/// - v1 rejects a top-level <c>name:</c>, so it is stripped from every YAML file of the mirror (the
///   project name is fixed through COMPOSE_PROJECT_NAME instead, on both sides);
/// - the whole tree is mirrored, so relative paths (<c>extends.file</c>, <c>.env</c>, env files) resolve
///   as they do in the corpus; inline snippets are placed where the Go tests ran them from;
/// - v1 checks on the file system that a build context exists and that an env_file exists, which
///   the corpus does not hold (it has no build contexts) and our loader never checks (analyzers may
///   not read files); a missing one inside the mirror is created (empty) and v1 asked again.
///
/// The process environment is exactly the variables the caller gives (the same ones our loader
/// gets, see <see cref="Environment"/>): nothing of the machine's environment leaks in. The working
/// directory is the mirrored file's directory, so v1's project directory (and its .env) is the one
/// the file has in the corpus.
///
/// By default the files are not each given a new docker-compose process: a few long-lived Python
/// processes call docker-compose's own entry point with the same arguments (see
/// <see cref="Driver"/>); DIFFTEST_ONE_PROCESS_PER_FILE=1 runs the plain CLI instead. Both give
/// identical results on the whole corpus.
/// </summary>
public sealed class DockerComposeOracle : IDisposable
{
    public const string ProjectName = "difftest";

    /// <summary>A fixed fake home, so that <c>~</c> and <c>${HOME}</c> are the same on every machine.</summary>
    public const string FakeHome = "/nonexistent/difftest-home";

    private const int MaxFixUps = 16;

    /// <summary>The exit code Run reports when docker-compose gave no answer (timeout, dead driver).</summary>
    private const int NoAnswer = int.MinValue;

    private static readonly Lazy<string?> InstalledVersion = new(() => FindExecutable() is { } executable ? ReadVersion(executable) : null);
    // Generous: on a loaded 2-core CI machine a single call has been seen to take over a minute.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    private static readonly Regex MissingBuildPath = new("build path (?<path>.+?) either does not exist", RegexOptions.CultureInvariant);
    private static readonly Regex MissingEnvFile = new("Couldn't find env file: (?<path>.+?)\\s*$", RegexOptions.CultureInvariant | RegexOptions.Multiline);
    private static readonly Regex TopLevelName = new("^[\"']?name[\"']?[ \\t]*:", RegexOptions.CultureInvariant);

    private readonly string _executable;
    private readonly BlockingCollection<Driver>? _drivers;
    private readonly List<Driver> _allDrivers = new();

    private DockerComposeOracle(string executable, string corpusRoot, int workers)
    {
        _executable = executable;
        Workers = workers;
        MirrorRoot = Path.Combine(Path.GetTempPath(), "composegen-difftest-" + Guid.NewGuid().ToString("N"));
        Paths = new PathContext(corpusRoot, MirrorRoot, FakeHome);
        MirrorCorpus(corpusRoot, MirrorRoot);

        var python = PythonInterpreter(executable);
        if (python is not null && System.Environment.GetEnvironmentVariable("DIFFTEST_ONE_PROCESS_PER_FILE") != "1")
        {
            _drivers = new BlockingCollection<Driver>();
            for (var i = 0; i < workers; i++)
            {
                var driver = new Driver(python, MirrorRoot);
                _allDrivers.Add(driver);
                _drivers.Add(driver);
            }
        }
    }

    public string MirrorRoot { get; }

    public PathContext Paths { get; }

    /// <summary>How many files may be asked about at once.</summary>
    public int Workers { get; }

    /// <summary>How docker-compose is run, for the test output.</summary>
    public string Mode => _drivers is null
        ? $"one docker-compose process per file, {Workers} at a time"
        : $"docker-compose's entry point in {Workers} long-lived Python processes";

    /// <summary>The docker-compose executable on PATH, or null when it is not installed.</summary>
    public static string? FindExecutable() => FindOnPath("docker-compose");

    /// <summary>
    /// The installed docker-compose's version (<c>docker-compose version --short</c>), or null when
    /// it is not installed or does not answer. The allow-list is written for the Python v1 (1.29.x);
    /// a Go v2 installed under the same name is a different reference.
    /// </summary>
    public static string? Version => InstalledVersion.Value;

    /// <summary>True when the installed docker-compose is the reference this test is written for.</summary>
    public static bool IsReferenceVersion => Version is { } version && version.StartsWith("1.29.", StringComparison.Ordinal);

    private static string? ReadVersion(string executable)
    {
        try
        {
            var start = StartInfo(executable, Path.GetTempPath(), Environment(Array.Empty<KeyValuePair<string, string>>()));
            start.ArgumentList.Add("version");
            start.ArgumentList.Add("--short");
            using var process = Process.Start(start);
            if (process is null)
                return null;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? stdout.Result.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public static DockerComposeOracle Create(string corpusRoot, int workers)
        => new(FindExecutable() ?? throw new InvalidOperationException("docker-compose is not installed (apt-get install docker-compose)"), corpusRoot, workers);

    /// <summary>
    /// The process environment for one run: the caller's variables plus the few a process needs,
    /// all fixed. The same dictionary must be given to our loader as its variables.
    /// </summary>
    public static Dictionary<string, string> Environment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables)
            environment[variable.Key] = variable.Value;
        environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        environment["HOME"] = FakeHome;
        environment["LANG"] = "C.UTF-8";
        environment["COMPOSE_PROJECT_NAME"] = ProjectName;
        return environment;
    }

    /// <summary>Writes a file into the mirror (an inline snippet), with its top-level <c>name:</c> stripped.</summary>
    public void Place(string relativePath, string text)
    {
        var target = Path.Combine(MirrorRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, StripTopLevelName(text));
    }

    /// <summary>Runs <c>docker-compose -f FILE config</c> on the mirrored file and normalises its output.</summary>
    public OracleResult Config(string relativePath, IReadOnlyDictionary<string, string> environment)
    {
        var file = Path.Combine(MirrorRoot, relativePath);
        var fixUps = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            var (exitCode, stdout, stderr) = Run(file, environment);
            if (exitCode == NoAnswer)
                return new OracleResult(false, null, stderr, Broken: true);
            if (exitCode == 0)
            {
                try
                {
                    return new OracleResult(true, Normalize(stdout, Paths), string.Join("; ", fixUps));
                }
                catch (Exception exception) when (exception is YamlException or InvalidDataException or FormatException)
                {
                    throw new InvalidDataException($"could not read docker-compose's output for {relativePath}: {exception.Message}\n{stdout}", exception);
                }
            }

            var missing = MissingBuildPath.Match(stderr) is { Success: true } build ? (build.Groups["path"].Value, Directory: true)
                : MissingEnvFile.Match(stderr) is { Success: true } envFile ? (envFile.Groups["path"].Value, Directory: false)
                : default;
            if (attempt < MaxFixUps && missing.Value is { Length: > 0 } && IsInsideMirror(missing.Value) && !Path.Exists(missing.Value))
            {
                if (missing.Directory)
                    Directory.CreateDirectory(missing.Value);
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(missing.Value)!);
                    File.WriteAllText(missing.Value, "");
                }

                fixUps.Add((missing.Directory ? "created build context " : "created empty env file ") + Paths.Display(missing.Value));
                continue;
            }

            var message = string.Join(" ", stderr.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.Contains("variable is not set", StringComparison.Ordinal)));
            return new OracleResult(false, null, message.Replace(MirrorRoot, PathContext.CorpusToken, StringComparison.Ordinal));
        }
    }

    private bool IsInsideMirror(string path)
        => Path.GetFullPath(path).StartsWith(MirrorRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private (int ExitCode, string Stdout, string Stderr) Run(string file, IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Path.GetDirectoryName(file)!;
        if (_drivers is null)
            return RunProcess(file, workingDirectory, environment);

        var driver = _drivers.Take();
        try
        {
            return driver.Config(file, workingDirectory, environment);
        }
        finally
        {
            _drivers.Add(driver);
        }
    }

    /// <summary>One <c>docker-compose -f FILE config</c> process.</summary>
    private (int ExitCode, string Stdout, string Stderr) RunProcess(string file, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo(_executable, workingDirectory, environment);
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(file);
        start.ArgumentList.Add("config");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start docker-compose");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (NoAnswer, "", $"docker-compose timed out after {Timeout.TotalSeconds:0} s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo StartInfo(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment.Clear();
        foreach (var variable in environment)
            start.Environment[variable.Key] = variable.Value;
        return start;
    }

    /// <summary>
    /// The interpreter of the docker-compose script (<c>#!/usr/bin/python3</c>), or null when it is
    /// not a Python script (then every file gets its own docker-compose process).
    /// </summary>
    private static string? PythonInterpreter(string executable)
    {
        string firstLine;
        try
        {
            using var reader = new StreamReader(executable);
            firstLine = reader.ReadLine() ?? "";
        }
        catch (IOException)
        {
            return null;
        }

        if (!firstLine.StartsWith("#!", StringComparison.Ordinal))
            return null;
        var words = firstLine.Substring(2).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
            return null;
        var interpreter = words[0];
        if (Path.GetFileName(interpreter) == "env" && words.Length > 1)
            interpreter = FindOnPath(words[1]) ?? "";
        return Path.GetFileName(interpreter).StartsWith("python", StringComparison.Ordinal) && File.Exists(interpreter) ? interpreter : null;
    }

    private static string? FindOnPath(string name)
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    /// <summary>
    /// A long-lived Python process that runs docker-compose's own entry point (the console script
    /// <c>docker-compose</c> = compose.cli.main:main) once per request, with <c>sys.argv</c> =
    /// <c>docker-compose -f FILE config</c>, the working directory and <c>os.environ</c> replaced by
    /// exactly the request's, and its output captured. It saves the ~0.5 s of imports that each
    /// docker-compose process spends (450 files: 3 minutes on 2 cores, 10 s this way). Set
    /// DIFFTEST_ONE_PROCESS_PER_FILE=1 to run one real docker-compose process per file instead (it
    /// gives the same results; that is how this driver was checked).
    /// </summary>
    private sealed class Driver : IDisposable
    {
        private const string Script = """
            import io, json, logging, os, sys, traceback
            from importlib.metadata import distribution
            main = next(ep for ep in distribution('docker-compose').entry_points
                        if ep.group == 'console_scripts' and ep.name == 'docker-compose').load()
            protocol = sys.stdout
            while True:
                line = sys.stdin.readline()
                if not line:
                    break
                request = json.loads(line)
                out, err = io.StringIO(), io.StringIO()
                os.environ.clear()
                os.environ.update(request['env'])
                os.chdir(request['cwd'])
                sys.argv = ['docker-compose', '-f', request['file'], 'config']
                sys.stdout, sys.stderr = out, err
                code = 0
                try:
                    main()
                except SystemExit as exit:
                    code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
                except BaseException:
                    traceback.print_exc(file=err)
                    code = 1
                finally:
                    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
                    root = logging.getLogger()
                    for handler in list(root.handlers):
                        root.removeHandler(handler)
                protocol.write(json.dumps({'code': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()}) + '\n')
                protocol.flush()
            """;

        private readonly string _python;
        private readonly string _workingDirectory;
        private Process? _process;
        private StringBuilder _stderr = new();

        public Driver(string python, string workingDirectory)
        {
            _python = python;
            _workingDirectory = workingDirectory;
        }

        public (int ExitCode, string Stdout, string Stderr) Config(string file, string workingDirectory, IReadOnlyDictionary<string, string> environment)
        {
            var process = _process ??= Start();
            var request = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["file"] = file,
                ["cwd"] = workingDirectory,
                ["env"] = environment,
            });
            process.StandardInput.WriteLine(request);
            process.StandardInput.Flush();
            var reply = process.StandardOutput.ReadLineAsync();
            if (!reply.Wait(Timeout) || reply.Result is null)
            {
                var timedOut = !reply.IsCompleted;
                Stop();
                return (NoAnswer, "", timedOut ? $"docker-compose timed out after {Timeout.TotalSeconds:0} s" : "the docker-compose driver died: " + _stderr);
            }

            using var json = JsonDocument.Parse(reply.Result);
            var root = json.RootElement;
            return (root.GetProperty("code").GetInt32(), root.GetProperty("stdout").GetString() ?? "", root.GetProperty("stderr").GetString() ?? "");
        }

        private Process Start()
        {
            // The driver's own environment holds nothing from the machine; each request replaces it anyway.
            var start = StartInfo(_python, _workingDirectory, Environment(Array.Empty<KeyValuePair<string, string>>()));
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + _python);
            var stderr = _stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                lock (stderr)
                    stderr.AppendLine(e.Data);
            };
            process.BeginErrorReadLine();
            return process;
        }

        private void Stop()
        {
            if (_process is null)
                return;
            try
            {
                if (!_process.HasExited)
                    _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
            _process = null;
        }

        public void Dispose()
        {
            if (_process is { HasExited: false })
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000))
                    Stop();
            }

            Stop();
        }
    }

    /// <summary>
    /// Maps v1's <c>config</c> output into the normalised form (see <see cref="NormalizedService"/> for
    /// the decisions). v1 writes ports as long-syntax mappings, or as <c>IP:PUBLISHED:TARGET/PROTO</c>
    /// strings when a host IP is set; volumes as <c>SOURCE:TARGET:MODE</c> strings (bind sources made
    /// absolute) or long-syntax mappings; networks as a mapping; environment as a mapping with
    /// env_file variables merged in and <c>null</c> for unset ones.
    /// </summary>
    public static NormalizedProject Normalize(string yaml, PathContext paths)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var project = new NormalizedProject();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return project;
        if (Get(root, "services") is not YamlMappingNode services)
            return project;

        foreach (var entry in services.Children)
        {
            var name = Text(entry.Key) ?? "";
            var service = new NormalizedService(name);
            var map = entry.Value as YamlMappingNode;
            if (map is not null)
            {
                service.Image = Text(Get(map, "image"));
                service.HasEnvFile = Get(map, "env_file") is not null;
                ReadPorts(Get(map, "ports"), service.Ports);
                ReadNetworks(Get(map, "networks"), service.Networks);
                ReadVolumes(Get(map, "volumes"), service.Volumes, paths);
                ReadEnvironment(Get(map, "environment"), service.Environment);
            }

            service.Sort();
            project.Services[name] = service;
        }

        return project;
    }

    private static void ReadPorts(YamlNode? node, List<string> into)
    {
        if (node is not YamlSequenceNode ports)
            return;
        foreach (var port in ports)
        {
            switch (port)
            {
                case YamlMappingNode map:
                    into.Add(NormalizedService.Port(Text(Get(map, "host_ip")), Text(Get(map, "published")), Text(Get(map, "target")) ?? "", Text(Get(map, "protocol"))));
                    break;
                case YamlScalarNode scalar:
                    // normalize_port_dict: [IP:][PUBLISHED:]TARGET/PROTOCOL (an IPv6 IP keeps its colons).
                    var text = scalar.Value ?? "";
                    string? protocol = null;
                    var slash = text.LastIndexOf('/');
                    if (slash >= 0)
                    {
                        protocol = text.Substring(slash + 1);
                        text = text.Substring(0, slash);
                    }

                    var last = text.LastIndexOf(':');
                    var target = text.Substring(last + 1);
                    string? published = null;
                    string? hostIp = null;
                    if (last >= 0)
                    {
                        var rest = text.Substring(0, last);
                        var middle = rest.LastIndexOf(':');
                        published = rest.Substring(middle + 1);
                        hostIp = middle >= 0 ? rest.Substring(0, middle) : null;
                    }

                    into.Add(NormalizedService.Port(hostIp, published, target, protocol));
                    break;
            }
        }
    }

    private static void ReadNetworks(YamlNode? node, List<string> into)
    {
        switch (node)
        {
            case YamlMappingNode map:
                into.AddRange(map.Children.Keys.Select(key => Text(key) ?? ""));
                break;
            case YamlSequenceNode list:
                into.AddRange(list.Select(item => Text(item) ?? ""));
                break;
        }
    }

    private static void ReadVolumes(YamlNode? node, List<string> into, PathContext paths)
    {
        if (node is not YamlSequenceNode volumes)
            return;
        foreach (var volume in volumes)
        {
            switch (volume)
            {
                case YamlMappingNode map:
                    var type = Text(Get(map, "type")) ?? "volume";
                    var source = Text(Get(map, "source"));
                    if (type == "bind" && source is not null)
                        source = paths.Display(source);
                    var readOnly = Text(Get(map, "read_only")) is "true" or "True" or "yes";
                    into.Add(NormalizedService.Mount(type, source, Text(Get(map, "target")) ?? "", readOnly));
                    break;
                case YamlScalarNode scalar:
                    into.Add(ShortVolume(scalar.Value ?? "", paths));
                    break;
            }
        }
    }

    /// <summary>v1's VolumeSpec.repr: <c>EXTERNAL:INTERNAL:MODE</c>, or just <c>INTERNAL</c> (anonymous).</summary>
    private static string ShortVolume(string text, PathContext paths)
    {
        var parts = text.Split(':');
        if (parts.Length == 1)
            return NormalizedService.Mount("volume", null, text, readOnly: false);

        var mode = parts.Length >= 3 ? parts[^1] : "";
        var target = parts.Length >= 3 ? parts[^2] : parts[^1];
        var source = string.Join(":", parts.Take(parts.Length >= 3 ? parts.Length - 2 : parts.Length - 1));
        var isPath = source.StartsWith('/') || source.StartsWith('.') || source.StartsWith('~') || source.StartsWith('\\')
            || (source.Length >= 2 && char.IsLetter(source[0]) && source[1] == ':');
        var readOnly = mode.Split(',').Contains("ro");
        return NormalizedService.Mount(isPath ? "bind" : "volume", isPath ? paths.Display(source) : source, target, readOnly);
    }

    private static void ReadEnvironment(YamlNode? node, SortedDictionary<string, string?> into)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var entry in map.Children)
                    into[Text(entry.Key) ?? ""] = Text(entry.Value);
                break;
            case YamlSequenceNode list:
                foreach (var item in list)
                {
                    var text = Text(item) ?? "";
                    var equals = text.IndexOf('=');
                    if (equals < 0)
                        into[text] = null;
                    else
                        into[text.Substring(0, equals)] = text.Substring(equals + 1);
                }

                break;
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar's text; null for a plain <c>null</c>/<c>~</c>/empty scalar (and for non-scalars).</summary>
    private static string? Text(YamlNode? node)
    {
        if (node is not YamlScalarNode scalar)
            return null;
        if (scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && (scalar.Value is null or "" or "null" or "~" or "Null" or "NULL"))
            return null;
        return scalar.Value;
    }

    /// <summary>Removes a top-level <c>name:</c> entry (and its indented continuation lines).</summary>
    public static string StripTopLevelName(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new List<string>(lines.Length);
        var skipping = false;
        foreach (var line in lines)
        {
            if (skipping && (line.Length == 0 || line[0] is ' ' or '\t'))
                continue;
            skipping = TopLevelName.IsMatch(line);
            if (!skipping)
                kept.Add(line);
        }

        return string.Join("\n", kept);
    }

    /// <summary>Copies the corpus except the inline snippets (placed one by one), licences and the schema.</summary>
    private static void MirrorCorpus(string corpusRoot, string mirrorRoot)
    {
        foreach (var file in Directory.EnumerateFiles(corpusRoot, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(corpusRoot, file);
            if (relative.StartsWith("LICENSES", StringComparison.Ordinal) || relative.Contains("_inline-loader-tests", StringComparison.Ordinal)
                || relative == "compose-spec.json")
                continue;
            var target = Path.Combine(mirrorRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal))
                File.WriteAllText(target, StripTopLevelName(File.ReadAllText(file)));
            else
                File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        foreach (var driver in _allDrivers)
            driver.Dispose();
        try
        {
            Directory.Delete(MirrorRoot, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
