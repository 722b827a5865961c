using System.Diagnostics;
using ComposeGen.Emit;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Benchmarks;

/// <summary>
/// <c>-- --profile INPUT STEP [SECONDS]</c>: runs one step of one input in a loop for a while (10 s by default),
/// for a sampling profiler to attach to, e.g.
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -- dotnet ComposeGen.Benchmarks.dll --profile 1000 load</c>.
/// STEP is one of read, load, api, emit, cold (the generator through a new driver per project); <c>dump DIRECTORY</c>
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

        Action action = step switch
        {
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
                foreach (var (model, project) in models.Zip(input.Projects))
                    ApiModelBuilder.Build(model, "Consumer", ComposePath.Combine(project.Directory, ".env"), ComposePath.Directory(project.Files[0]), emitConfigurationExtensions: false);
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
            _ => throw new ArgumentException($"unknown step '{step}': read, load, api, emit or cold"),
        };

        var watch = Stopwatch.StartNew();
        var runs = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            action();
            runs++;
        }

        Console.WriteLine($"{input.Name} {step}: {runs} runs, {watch.Elapsed.TotalMilliseconds / runs:F3} ms each");
    }
}
