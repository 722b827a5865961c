using System.Diagnostics;
using System.Globalization;
using ComposeGen.Emit;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Parsing.Yaml;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YamlDotNet.RepresentationModel;

namespace ComposeGen.Benchmarks;

/// <summary>
/// <c>-- --phases [input...]</c>: the same measurements as the BenchmarkDotNet classes plus the generator's
/// phases, taken <em>interleaved</em> (round after round, every step once per round) and reported as the
/// minimum and the median over the rounds of the wall time and of the process's CPU time, with the bytes
/// each step allocates. On a shared machine the steps then see the same load, and the minimum CPU time is
/// close to what an idle machine would show; ratios and growth factors are computed from it.
/// </summary>
public static class Phases
{
    public static void Run(IReadOnlyList<string> arguments)
    {
        var rounds = 0;
        var only = new List<string>();
        var inputs = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--rounds" && i + 1 < arguments.Count)
                rounds = int.Parse(arguments[++i], CultureInfo.InvariantCulture);
            else if (arguments[i] == "--only" && i + 1 < arguments.Count)
                only.Add(arguments[++i]);
            else
                inputs.Add(arguments[i]);
        }

        Console.WriteLine($"# ComposeGen phases: {Environment.ProcessorCount} logical cores, load average {LoadAverage()}, .NET {Environment.Version}");
        foreach (var name in inputs.Count == 0 ? BenchInput.Names.ToList() : inputs)
            RunInput(BenchInput.Load(name), rounds, only);
        Console.WriteLine($"# load average at the end: {LoadAverage()}");
    }

    /// <param name="only">When not empty, the steps whose name contains one of these strings (the floor always runs: ratios divide by it).</param>
    private static void RunInput(BenchInput input, int rounds, IReadOnlyList<string> only)
    {
        var requests = input.Projects.Select(p => new ComposeLoadRequest(p.Files, input.Source, DictionaryVariableSource.Empty)).ToList();
        var models = requests.Select(r => ComposeLoader.Load(r).Project).ToList();
        var apis = models.Zip(input.Projects).Select(pair => Api(pair.First, pair.Second)).ToList();
        var generated = apis.Select(ComposeEmitter.Emit).ToList();
        var compilation = Roslyn.Consumer();
        var analyzerCompilation = Roslyn.Consumer(files: 1);
        var edited = compilation.SyntaxTrees.First();
        var edit = CSharpSyntaxTree.ParseText(Roslyn.ConsumerFile(0, 1), Roslyn.ParseOptions, edited.FilePath);
        var warmDrivers = input.Projects.Select(p => Roslyn.CreateDriver(p, input.Texts).RunGenerators(compilation)).ToList();

        var steps = new List<Step>
        {
            new("1 floor: YamlStream.Load", () =>
            {
                foreach (var text in input.Texts.Values)
                {
                    try
                    {
                        new YamlStream().Load(new StringReader(text));
                    }
                    catch (YamlDotNet.Core.YamlException)
                    {
                    }
                }
            }),
            new("  YamlDotNet Parser events only", () =>
            {
                foreach (var text in input.Texts.Values)
                {
                    try
                    {
                        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
                        while (parser.MoveNext())
                        {
                        }
                    }
                    catch (YamlDotNet.Core.YamlException)
                    {
                    }
                }
            }),
            new("  fast path events only (FastYamlParser)", () =>
            {
                foreach (var text in input.Texts.Values)
                {
                    var parser = ComposeGen.Parsing.Yaml.Fast.FastYamlParser.TryParse(text);
                    while (parser is not null && parser.MoveNext())
                    {
                    }
                }
            }),
            new("  YamlReader.Read (our tree, no variables)", () =>
            {
                foreach (var (path, text) in input.Texts)
                    YamlReader.Read(text, path, DictionaryVariableSource.Empty);
            }),
            new("2 parse->model: ComposeLoader.Load", () =>
            {
                foreach (var request in requests)
                    ComposeLoader.Load(request);
            }),
            new("  ApiModelBuilder.Build", () =>
            {
                foreach (var (model, project) in models.Zip(input.Projects))
                    Api(model, project);
            }),
            new("  ComposeEmitter.Emit", () =>
            {
                foreach (var api in apis)
                    ComposeEmitter.Emit(api);
            }),
            new("  driver + runtime sources only", () =>
            {
                foreach (var project in input.Projects)
                {
                    CSharpGeneratorDriver.Create(new[] { new RuntimeOnlyGenerator().AsSourceGenerator() }, Roslyn.AdditionalTexts(project, input.Texts), Roslyn.ParseOptions,
                        Roslyn.Options(project), new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false)).RunGenerators(compilation);
                }
            }),
            new("  driver, a generator that does nothing", () =>
            {
                foreach (var project in input.Projects)
                    RunOnce(new EmptyGenerator(), project, input.Texts, compilation);
            }),
            new("  driver, a generator that only loads the YAML (the floor inside a driver)", () =>
            {
                foreach (var project in input.Projects)
                    RunOnce(new YamlOnlyGenerator(), project, input.Texts, compilation);
            }),
            new("3 generator cold", () =>
            {
                foreach (var project in input.Projects)
                    Roslyn.CreateDriver(project, input.Texts).RunGenerators(compilation);
            }),
            new("3w generator warm (C# edit)", () =>
            {
                var next = compilation.ReplaceSyntaxTree(edited, edit);
                foreach (var driver in warmDrivers)
                    driver.RunGenerators(next);
            }),
            new("4a rules on model", () =>
            {
                foreach (var model in models)
                    Analysis.ComposeRules.Run(model with { }, ComposeBenchmarks.AllRules);
            }),
            new("4b loader + rules", () =>
            {
                foreach (var request in requests)
                    Analysis.ComposeRules.Run(ComposeLoader.Load(request).Project, ComposeBenchmarks.AllRules);
            }),
            new("4c ComposeAnalyzer (driver)", () =>
            {
                foreach (var project in input.Projects)
                    Roslyn.RunAnalyzer(analyzerCompilation, project, input.Texts);
            }),
        };

        if (only.Count > 0)
            steps = steps.Where((step, index) => index == 0 || only.Any(o => step.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToList();
        // Warm-up: every step several times, with pauses for the runtime's background tier-up. Without it, code that
        // only one step uses (YamlDotNet's parser, once the fast path reads our files) could still run unoptimized
        // well into the rounds while the generator keeps the JIT busy, and slow that step down by several times.
        for (var pass = 0; pass < 5; pass++)
        {
            foreach (var step in steps)
                step.Action();
            Thread.Sleep(200);
        }

        var once = steps.Sum(step => Sample.Of(step.Action).Wall);
        rounds = rounds > 0 ? rounds : (int)Math.Clamp(30_000 / Math.Max(1, once), 5, 41);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var step in steps)
                step.Samples.Add(Sample.Of(step.Action));
        }

        Console.WriteLine();
        Console.WriteLine($"## {input.Name}: {input.Projects.Count} project(s), {input.Texts.Count} file(s), {input.Characters:N0} characters of YAML, {generated.Sum(g => (long)g.Length):N0} characters of generated C#; {rounds} interleaved rounds");
        Console.WriteLine($"| step | CPU ms (min) | CPU ms (median) | wall ms (min) | wall ms (median) | allocated MB | CPU min / floor | median of the rounds' CPU / floor |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var floor = steps[0].Samples.Min(s => s.Cpu);
        foreach (var step in steps)
        {
            var cpu = step.Samples.Select(s => s.Cpu).OrderBy(t => t).ToList();
            var wall = step.Samples.Select(s => s.Wall).OrderBy(t => t).ToList();
            var bytes = step.Samples.Select(s => s.Bytes).OrderBy(b => b).ToList();
            // Each round's step against the same round's floor: the two ran moments apart, so a slow spell of the machine
            // slows both, and the median of these ratios moves less from one run to the next than the ratio of minimums.
            var ratios = step.Samples.Zip(steps[0].Samples, (s, f) => s.Cpu / Math.Max(f.Cpu, 1e-6)).OrderBy(r => r).ToList();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:F3} | {2:F3} | {3:F3} | {4:F3} | {5:F2} | {6:F2} | {7:F2} |",
                step.Name.Trim(), cpu[0], cpu[cpu.Count / 2], wall[0], wall[wall.Count / 2], bytes[bytes.Count / 2] / 1048576.0, cpu[0] / floor, ratios[ratios.Count / 2]));
        }

        if (only.Count > 0)
            return;

        // Once, outside the rounds: what the compiler later pays to parse the generated code, and each rule alone
        // (on a fresh copy of the model, so each networking rule includes building the analysis they share).
        var parse = Sample.Of(() =>
        {
            foreach (var text in generated)
                CSharpSyntaxTree.ParseText(text, Roslyn.ParseOptions).GetRoot();
        });
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| (the compiler, not the generator: parse the generated C#, once) | {0:F3} | | {1:F3} | | {2:F2} | {3:F2} | |", parse.Cpu, parse.Wall, parse.Bytes / 1048576.0, parse.Cpu / floor));
        Console.WriteLine();
        Console.WriteLine("rules, each (median of 5, CPU ms): " + string.Join(", ", ComposeBenchmarks.AllRules.Select(rule =>
        {
            var samples = Enumerable.Range(0, 5).Select(_ => Sample.Of(() =>
            {
                foreach (var model in models)
                    _ = rule.Check(model with { }).Count();
            }).Cpu).OrderBy(t => t).ToList();
            return string.Format(CultureInfo.InvariantCulture, "{0} {1:F2}", rule.GetType().Name, samples[2]);
        })));
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b);
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>The API model of a fresh copy of the project: the services' descriptions are kept per loaded project instance, and a build describes a new one.</summary>
    private static ApiProject Api(ComposeProject model, BenchProject project)
        => ApiModelBuilder.Build(model with { }, "Consumer", ComposePath.Combine(project.Directory, ".env"), ComposePath.Directory(project.Files[0]), emitConfigurationExtensions: false);

    private sealed record Step(string Name, Action Action)
    {
        public List<Sample> Samples { get; } = new();
    }

    private readonly record struct Sample(double Wall, double Cpu, long Bytes)
    {
        private static readonly Process Process = Process.GetCurrentProcess();

        public static Sample Of(Action action)
        {
            var bytes = GC.GetTotalAllocatedBytes(precise: true);
            Process.Refresh();
            var cpu = Process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            Process.Refresh();
            return new Sample(watch.Elapsed.TotalMilliseconds, (Process.TotalProcessorTime - cpu).TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytes);
        }
    }

    /// <summary>A generator that adds the run-time sources and nothing else: the driver's fixed cost per project.</summary>
    private static void RunOnce(IIncrementalGenerator generator, BenchProject project, IReadOnlyDictionary<string, string> texts, Compilation compilation)
        => CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, Roslyn.AdditionalTexts(project, texts), Roslyn.ParseOptions,
            Roslyn.Options(project), new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false)).RunGenerators(compilation);

    /// <summary>What a driver costs before any generator does anything: the part of a cold run no generator can avoid.</summary>
    private sealed class EmptyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
        }
    }

    /// <summary>The least a generator that reads compose files could do: load each additional file into YamlDotNet's representation model.</summary>
    private sealed class YamlOnlyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var texts = context.AdditionalTextsProvider.Select(static (file, cancellationToken) => file.GetText(cancellationToken)?.ToString() ?? "").Collect();
            context.RegisterSourceOutput(texts, static (_, all) =>
            {
                foreach (var text in all)
                {
                    try
                    {
                        new YamlStream().Load(new StringReader(text));
                    }
                    catch (YamlDotNet.Core.YamlException)
                    {
                    }
                }
            });
        }
    }

    /// <summary>Only the generator's run-time sources, added the way it adds them (a source output, not a post-initialization output, which costs the driver more).</summary>
    private sealed class RuntimeOnlyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
            => context.RegisterSourceOutput(context.ParseOptionsProvider.Select(static (_, _) => true), static (output, _) =>
            {
                foreach (var (hintName, text) in RuntimeSources.All)
                    output.AddSource(hintName, text);
            });
    }
}
