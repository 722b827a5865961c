using System.Diagnostics;
using ComposeGen.Emit;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Parsing.Yaml;
using ComposeGen.Parsing.Yaml.Fast;

namespace ComposeGen.Benchmarks;

/// <summary>
/// <c>-- --profile INPUT STEP [SECONDS]</c>: runs one step of one input in a loop for a while (10 s by default),
/// for a sampling profiler to attach to, e.g.
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -- dotnet ComposeGen.Benchmarks.dll --profile 1000 load</c>.
/// STEP is one of events (the fast path for YAML events alone), read, load, model (the typed model from the merged tree), api, emit, cold (the generator through a new driver per project); <c>dump DIRECTORY</c>
/// writes the generated code and the loader's problems of each project instead, to compare two builds.
/// </summary>
public static class ProfileLoop
{
    public static void Run(IReadOnlyList<string> arguments)
    {
        var input = BenchInput.Load(arguments.Count > 0 ? arguments[0] : "1000");
        var step = arguments.Count > 1 ? arguments[1] : "load";
        var seconds = arguments.Count > 2 && step != "dump" ? double.Parse(arguments[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var requests = input.Projects.Select(p => new ComposeLoadRequest(p.Files, input.Source, DictionaryVariableSource.Empty)).ToList();
        var models = requests.Select(r => ComposeLoader.Load(r).Project).ToList();
        var apis = models.Zip(input.Projects).Select(pair => ApiModelBuilder.Build(pair.First, "Consumer", ComposePath.Combine(pair.Second.Directory, ".env"), ComposePath.Directory(pair.Second.Files[0]), emitConfigurationExtensions: false)).ToList();
        var compilation = Roslyn.Consumer();
        if (step == "dump")
        {
            // The generated code and the loader's problems, to compare two builds: --profile INPUT dump DIRECTORY.
            var directory = arguments.Count > 2 ? arguments[2] : ".";
            Directory.CreateDirectory(directory);
            for (var i = 0; i < apis.Count; i++)
            {
                File.WriteAllText(Path.Combine(directory, $"{input.Name}-{i}.g.cs"), ComposeEmitter.Emit(apis[i]));
                var problems = ComposeLoader.Load(requests[i]).Problems.Select(p => $"{p.Id} {p.Severity} {p.Span} {p.Message}");
                File.WriteAllLines(Path.Combine(directory, $"{input.Name}-{i}.problems.txt"), problems);
            }

            return;
        }

        if (step == "alloc")
        {
            // Bytes each stage of the loader allocates (main + override file, no extends): where the garbage comes from.
            for (var round = 0; round < 3; round++)
            {
                var files = input.Projects[0].Files;
                long Measure(Action a)
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    a();
                    return GC.GetAllocatedBytesForCurrentThread() - before;
                }

                var events = Measure(() =>
                {
                    foreach (var f in files)
                    {
                        var parser = new YamlDotNet.Core.Parser(new StringReader(input.Texts[f]));
                        while (parser.MoveNext())
                        {
                        }
                    }
                });
                var roots = new List<YMapping>();
                var read = Measure(() => roots.AddRange(files.Select(f => (YMapping)YamlReader.Read(input.Texts[f], f, DictionaryVariableSource.Empty).Root!)));
                YMapping merged = roots[0];
                var merge = Measure(() => { for (var i = 1; i < roots.Count; i++) merged = ComposeGen.Parsing.Merge.ComposeMerger.MergeFiles(merged, roots[i]); });
                var resolved = merged;
                var tags = Measure(() => resolved = ComposeGen.Parsing.Merge.ComposeMerger.ResolveTags(merged));
                var problems = new List<ComposeGen.Parsing.ComposeProblem>();
                var build = Measure(() => ComposeGen.Parsing.Building.ComposeModelBuilder.Build(resolved, "p", files.ToList(), problems));
                var load = Measure(() => ComposeLoader.Load(requests[0]));
                Console.WriteLine($"YamlDotNet events alone {events / 1e6:F2} MB, read {read / 1e6:F2} MB, merge {merge / 1e6:F2}, resolve tags {tags / 1e6:F2}, model {build / 1e6:F2}; whole load {load / 1e6:F2}");
            }

            return;
        }

        var dollars = new List<string>();
        if (step == "templates")
        {
            void Collect(YNode node)
            {
                switch (node)
                {
                    case YScalar scalar when scalar.Raw.IndexOf('$') >= 0:
                        dollars.Add(scalar.Raw);
                        break;
                    case YSequence sequence:
                        foreach (var item in sequence.Items)
                            Collect(item);
                        break;
                    case YMapping mapping:
                        foreach (var entry in mapping.Entries)
                            Collect(entry.Value);
                        break;
                }
            }

            foreach (var (path, text) in input.Texts)
                Collect(YamlReader.Read(text, path).Root!);
            Console.WriteLine($"{dollars.Count} scalars with '$'");
        }

        YMapping? tree = null;
        if (step == "model")
        {
            var files = input.Projects[0].Files;
            tree = (YMapping)YamlReader.Read(input.Texts[files[0]], files[0], DictionaryVariableSource.Empty).Root!;
            for (var i = 1; i < files.Count; i++)
                tree = ComposeGen.Parsing.Merge.ComposeMerger.MergeFiles(tree, (YMapping)YamlReader.Read(input.Texts[files[i]], files[i], DictionaryVariableSource.Empty).Root!);
            tree = ComposeGen.Parsing.Merge.ComposeMerger.ResolveTags(tree);
        }

        Action action = step switch
        {
            "model" => () => ComposeGen.Parsing.Building.ComposeModelBuilder.Build(tree!, "p", input.Projects[0].Files.ToList(), new List<ComposeGen.Parsing.ComposeProblem>()),
            "templates" => () =>
            {
                foreach (var raw in dollars)
                    TemplateParser.Parse(raw);
            },
            "events" => () =>
            {
                foreach (var text in input.Texts.Values)
                {
                    var parser = FastYamlParser.TryParse(text);
                    while (parser is not null && parser.MoveNext())
                    {
                    }
                }
            },
            "read" => () =>
            {
                foreach (var (path, text) in input.Texts)
                    YamlReader.Read(text, path, DictionaryVariableSource.Empty);
            },
            "load" => () =>
            {
                foreach (var request in requests)
                    ComposeLoader.Load(request);
            },
            "api" => () =>
            {
                // A fresh instance each time: the services' descriptions are kept per project instance.
                foreach (var (model, project) in models.Zip(input.Projects))
                    ApiModelBuilder.Build(model with { }, "Consumer", ComposePath.Combine(project.Directory, ".env"), ComposePath.Directory(project.Files[0]), emitConfigurationExtensions: false);
            },
            "emit" => () =>
            {
                foreach (var api in apis)
                    ComposeEmitter.Emit(api);
            },
            "cold" => () =>
            {
                foreach (var project in input.Projects)
                    Roslyn.CreateDriver(project, input.Texts).RunGenerators(compilation);
            },
            _ => throw new ArgumentException($"unknown step '{step}': events, read, load, api, emit or cold"),
        };

        var firstClock = Stopwatch.StartNew();
        action();
        Console.WriteLine($"{input.Name} {step}: the first run in this process (the JIT compiling our code included) took {firstClock.Elapsed.TotalMilliseconds:F1} ms");
        var pause = GC.GetTotalPauseDuration();
        var collections = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            action();
            runs++;
        }

        var cpuEach = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        var pauseEach = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds / runs;
        Console.WriteLine($"{input.Name} {step}: {runs} runs, {watch.Elapsed.TotalMilliseconds / runs:F3} ms each (CPU {cpuEach:F3} ms), GC pauses {pauseEach:F3} ms each, "
            + $"collections per run gen0 {(GC.CollectionCount(0) - collections[0]) / (double)runs:F1} gen1 {(GC.CollectionCount(1) - collections[1]) / (double)runs:F1} gen2 {(GC.CollectionCount(2) - collections[2]) / (double)runs:F1}");
    }
}
