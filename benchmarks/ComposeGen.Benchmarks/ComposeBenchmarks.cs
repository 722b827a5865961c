using BenchmarkDotNet.Attributes;
using ComposeGen.Analysis;
using ComposeGen.Analysis.Networking;
using ComposeGen.Analysis.Practices;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using YamlDotNet.RepresentationModel;

namespace ComposeGen.Benchmarks;

/// <summary>
/// The floor and what ComposeGen costs on top of it, per input (the real corpus; synthetic projects of
/// 10 to 5,000 services). Each benchmark does the whole input: for the corpus, all 72 projects.
/// </summary>
[MemoryDiagnoser]
public class ComposeBenchmarks
{
    private BenchInput _input = null!;
    private string[] _texts = null!;
    private ComposeProject[] _models = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _analyzerCompilation = null!;
    private SyntaxTree _edited = null!;
    private SyntaxTree[] _edits = null!;
    private GeneratorDriver[] _warmDrivers = null!;
    private int _edit;

    [ParamsSource(nameof(InputNames))]
    public string Input { get; set; } = "10";

    public static IEnumerable<string> InputNames => BenchInput.Names;

    /// <summary>
    /// The project rules the analyzer runs (<see cref="ComposeRules.All"/>) plus the networking and practice
    /// rule sets, each rule once: the cost of the whole rule catalogue whether or not it is wired in yet.
    /// </summary>
    public static readonly IReadOnlyList<IComposeRule> AllRules = ComposeRules.All
        .Concat(NetworkingRules.All)
        .Concat(PracticeRules.All)
        .GroupBy(rule => rule.GetType())
        .Select(group => group.First())
        .ToList();

    /// <summary>What every benchmark needs: the input's texts and the consumer compilation (references bound).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _input = BenchInput.Load(Input);
        _texts = _input.Texts.Values.ToArray();
        _compilation = Roslyn.Consumer();
        _ = _compilation.ReferencedAssemblyNames.Count();
        _analyzerCompilation = Roslyn.Consumer(files: 1);
        _ = _analyzerCompilation.ReferencedAssemblyNames.Count();
    }

    [GlobalSetup(Target = nameof(GeneratorWarm))]
    public void SetupWarm()
    {
        Setup();
        _edited = _compilation.SyntaxTrees.First();
        _edits = new[] { 1, 2 }.Select(e => CSharpSyntaxTree.ParseText(Roslyn.ConsumerFile(0, e), Roslyn.ParseOptions, _edited.FilePath)).ToArray();
        _warmDrivers = _input.Projects.Select(p => Roslyn.CreateDriver(p, _input.Texts).RunGenerators(_compilation)).ToArray();
    }

    [GlobalSetup(Target = nameof(Rules))]
    public void SetupRules()
    {
        Setup();
        _models = _input.Projects.Select(p => ComposeLoader.Load(Request(p)).Project).ToArray();
    }

    /// <summary>(1) The floor: YamlDotNet loads every text of the input into its representation model, nothing else.</summary>
    [Benchmark(Baseline = true, Description = "1 floor: YamlStream.Load")]
    public int Floor()
    {
        var nodes = 0;
        foreach (var text in _texts)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                // A few corpus files are deliberately broken; YamlDotNet stops where our reader reports.
            }

            nodes += stream.Documents.Count;
        }

        return nodes;
    }

    /// <summary>(2) Parse → model: read, interpolate, merge, extends, include, typed model.</summary>
    [Benchmark(Description = "2 parse->model: ComposeLoader.Load")]
    public int ParseToModel()
    {
        var services = 0;
        foreach (var project in _input.Projects)
            services += ComposeLoader.Load(Request(project)).Project.Services.Count;
        return services;
    }

    /// <summary>(3) The whole generator, cold: a new driver per project, as a first build or an IDE's first run.</summary>
    [Benchmark(Description = "3 generator cold")]
    public int GeneratorCold()
    {
        var sources = 0;
        foreach (var project in _input.Projects)
        {
            var driver = Roslyn.CreateDriver(project, _input.Texts).RunGenerators(_compilation);
            sources += driver.GetRunResult().GeneratedTrees.Length;
        }

        return sources;
    }

    /// <summary>
    /// (3w) The generator again after an unrelated C# edit: the previous run's driver on the compilation with
    /// one syntax tree replaced (the replacement, pre-parsed, is included: <c>ReplaceSyntaxTree</c>).
    /// </summary>
    [Benchmark(Description = "3w generator warm (C# edit)")]
    public int GeneratorWarm()
    {
        var edit = _edits[_edit++ & 1];
        var compilation = _compilation.ReplaceSyntaxTree(_edited, edit);
        var sources = 0;
        foreach (var driver in _warmDrivers)
            sources += driver.RunGenerators(compilation).GetRunResult().GeneratedTrees.Length;
        return sources;
    }

    /// <summary>
    /// (4a) Every project rule over the loaded model (loaded in setup: rules only). Each run gets a fresh copy
    /// of the model (<c>with { }</c>), so what rules cache per project instance (the networking analysis) is rebuilt.
    /// </summary>
    [Benchmark(Description = "4a rules on model")]
    public int Rules()
    {
        var problems = 0;
        foreach (var model in _models)
            problems += ComposeRules.Run(model with { }, AllRules).Count;
        return problems;
    }

    /// <summary>(4b) What the analyzer's project action does: load, then every rule.</summary>
    [Benchmark(Description = "4b loader + rules")]
    public int LoaderAndRules()
    {
        var problems = 0;
        foreach (var project in _input.Projects)
        {
            var result = ComposeLoader.Load(Request(project));
            problems += result.Problems.Count + ComposeRules.Run(result.Project, AllRules).Count;
        }

        return problems;
    }

    /// <summary>
    /// (4c) <see cref="ComposeAnalyzer"/> through <see cref="Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers"/>
    /// (sequential), per-file CG1xxx loads plus the project load and the rules it has wired in. The C# side is
    /// one small file, so little of the time is the analyzer driver completing the C# compilation.
    /// </summary>
    [Benchmark(Description = "4c ComposeAnalyzer (driver)")]
    public int AnalyzerDriver()
    {
        var diagnostics = 0;
        foreach (var project in _input.Projects)
            diagnostics += Roslyn.RunAnalyzer(_analyzerCompilation, project, _input.Texts);
        return diagnostics;
    }

    private ComposeLoadRequest Request(BenchProject project)
        => new(project.Files, _input.Source, DictionaryVariableSource.Empty);
}
