using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using ComposeGen.Analysis.CSharp;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Benchmarks;

/// <summary>
/// The C# literal analyzer (CG5001–CG5003) on a synthetic project of 2,000 files holding 5,000 string
/// literals (one in ten shaped like a host reference: URLs, connection strings, host:port), against the
/// compilation's own cost: binding and emitting the same project. Each iteration starts from a fresh
/// compilation (<see cref="Compilation.Clone"/> drops Roslyn's caches), so neither side reuses the other's work.
/// As in a build, the analyzer and the compiler share one compilation. Running any analyzer costs the
/// driver's own bookkeeping too (with <see cref="CompilationWithAnalyzers"/> that includes binding every
/// method body a second time), so a control analyzer that makes exactly the analyzer's registrations and does
/// nothing is measured as well: (with ComposeGen's analyzer − with the control) ÷ compile is the analyzer's
/// share of the build, the figure issue 5 asks for (aim: under 2%). The compose model is kept by
/// <c>CodeHostModelCache</c> across compilations; a build compiles once per process and finds that cache empty,
/// so the analyzer is measured both ways: "cold" clears the cache first (a command-line build, paying the
/// compose load), "warm" reuses it (the IDE's next compilation).
/// </summary>
[MemoryDiagnoser]
public partial class HostLiteralAnalyzerBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private AnalyzerOptions _options = null!;

    /// <summary>
    /// "realistic": the project is one service of the compose project (<c>api-0</c>, found from its build
    /// context as in a real solution) and its host literals name services it can reach, with about 1% naming a
    /// service it cannot reach and 1% a typo; its compose project has 100 services ("realistic") or 10, the size of a
    /// typical application ("realistic-10"). "stress": the project is no service, and its host literals name
    /// <c>orders-db-N</c>, <c>redis-N</c>, <c>api-N</c> for N up to 4,999, most of which do not exist (hundreds of CG5001).
    /// </summary>
    [Params("realistic", "realistic-10", "stress")]
    public string Set { get; set; } = "realistic";

    /// <summary>The literal sets, in the order the alternating runs report them.</summary>
    public static readonly string[] Sets = { "realistic", "realistic-10", "stress" };

    private static readonly Start[] Starts = { Start.Cold, Start.Build, Start.Warm };

    private static string Name(Start start) => start.ToString().ToLowerInvariant();

    /// <summary>The service the realistic project is.</summary>
    public const string SelfService = "api-0";

    [GlobalSetup]
    public void Setup()
    {
        var (name, text) = SyntheticCompose.Generate(Set == "realistic-10" ? 10 : 100)[0];
        var realistic = Set != "stress";
        var project = new BenchProject(realistic ? "/bench/apps/" + SelfService : "/bench/literals", new[] { "/bench/" + name });
        _options = new AnalyzerOptions(Roslyn.AdditionalTexts(project, new Dictionary<string, string> { [project.Files[0]] = text }), Roslyn.Options(project));

        string[] literals;
        if (realistic)
        {
            var model = CodeHostModelCache.Get(_options, CancellationToken.None) ?? throw new InvalidOperationException("the compose project did not load");
            var self = model.Self ?? throw new InvalidOperationException(SelfService + " was not found from the project directory");
            var others = model.Model.Project.Services.Where(s => s.Name != self.Name && s.Name is not ("app-base" or "collector")).ToList();
            var reachable = others.Where(s => model.Model.Resolve(self, s.Name).Resolves).Select(s => s.Name).ToList();
            var unreachable = others.Where(s => !model.Model.Resolve(self, s.Name).Resolves).Select(s => s.Name).ToList();
            var known = new HashSet<string>(model.Model.Project.Services.Select(s => s.Name), StringComparer.OrdinalIgnoreCase);
            literals = SyntheticLiterals.GenerateRealistic(5000, reachable, unreachable, known);
            CodeHostModelCache.Clear();
        }
        else
        {
            literals = SyntheticLiterals.Generate(5000);
        }

        const int files = 2000;
        _sources = Enumerable.Range(0, files).Select(f => SyntheticLiterals.File(f, literals.Where((_, i) => i % files == f))).ToArray();
        _compilation = Parse();
    }

    /// <summary>The project's C# files.</summary>
    private string[] _sources = null!;

    private CSharpCompilation Parse()
    {
        var trees = _sources.Select((source, f) => CSharpSyntaxTree.ParseText(source, Roslyn.ParseOptions, $"/bench/literals/File{f}.cs"));
        // Single-threaded: the CPU time of a parallel compile on a loaded machine includes spin-waiting that grows
        // with the load; one thread measures the work (and a smaller compile time makes the share, if anything, larger).
        return CSharpCompilation.Create("Literals", trees, Roslyn.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: false));
    }

    /// <summary>The analyzer's diagnostics on this set, counted by id (for the record: what the driver has to handle).</summary>
    public string DiagnosticCounts()
    {
        var analyzers = new CompilationWithAnalyzers(
            _compilation.Clone(),
            ImmutableArray.Create<DiagnosticAnalyzer>(new HostLiteralAnalyzer()),
            new CompilationWithAnalyzersOptions(_options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} ×{g.Count()}"));
    }

    [Benchmark(Baseline = true, Description = "compile 2,000 files (bind + emit)")]
    public long Compile()
    {
        using var stream = new MemoryStream();
        return _compilation.Clone().Emit(stream).Success ? stream.Length : -1;
    }

    [Benchmark(Description = "compile 2,000 files with the literal analyzer (compose model cached)")]
    public long CompileWithAnalyzer() => CompileWith(new HostLiteralAnalyzer());

    [Benchmark(Description = "compile 2,000 files with the literal analyzer (compose project loaded by the analyzer)")]
    public long CompileWithAnalyzerCold()
    {
        // Not Prepare(Start.Cold), which parses the project again: here that would be timed.
        CodeHostModelCache.Clear();
        ProjectLoadCache.Clear();
        HostLiteralAnalyzer.UseScannedLiterals(new());
        return CompileWith(new HostLiteralAnalyzer());
    }

    /// <summary>What the analyzer finds in the process when a compilation starts.</summary>
    public enum Start
    {
        /// <summary>Nothing: the analyzer loads the compose project itself (a build with the generator disabled, or one whose <c>.env</c> sets values).</summary>
        Cold,

        /// <summary>A build's first compilation: nothing of its own, but the generator has just loaded the same project (no <c>.env</c> values).</summary>
        Build,

        /// <summary>Its compose model, from the previous compilation (the IDE, keystroke after keystroke).</summary>
        Warm,
    }

    /// <summary>The model the warm case keeps from one run to the next, as the IDE keeps it from one compilation to the next.</summary>
    private CodeHostModel? _warmModel;

    /// <summary>The warm case's memory of scanned literals, which its previous run filled.</summary>
    private readonly ScannedLiterals _warmLiterals = new();

    /// <summary>Puts the process in the state <paramref name="start"/> describes; never timed.</summary>
    public void Prepare(Start start)
    {
        CodeHostModelCache.Clear();
        ProjectLoadCache.Clear();
        if (start == Start.Warm)
        {
            // The previous compilation had the same syntax trees (the IDE keeps those of unchanged documents), and its
            // model stays, with what it has learned.
            CodeHostModelCache.Put(_options, _warmModel ??= CodeHostModelCache.Get(_options, CancellationToken.None));
            HostLiteralAnalyzer.UseScannedLiterals(_warmLiterals);
            return;
        }

        // A build in a fresh compiler process: no literal value has been scanned yet. (The trees are kept, not
        // parsed again: a freshly parsed project costs the compile itself more, its red nodes not yet built, which would
        // make the analyzer look dearer against a control on kept trees.)
        HostLiteralAnalyzer.UseScannedLiterals(new());
        if (start == Start.Build)
            CSharpGeneratorDriver.Create(new[] { new ComposeGenerator().AsSourceGenerator() }, _options.AdditionalFiles, Roslyn.ParseOptions, _options.AnalyzerConfigOptionsProvider).RunGenerators(_compilation);
    }

    [Benchmark(Description = "compile 2,000 files with a do-nothing control analyzer")]
    public long CompileWithControl() => CompileWith(new ControlAnalyzer());

    private long CompileWith(DiagnosticAnalyzer analyzer)
    {
        var compilation = _compilation.Clone();
        var analyzers = new CompilationWithAnalyzers(
            compilation,
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(_options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;
        using var stream = new MemoryStream();
        return analyzers.Compilation.Emit(stream).Success ? stream.Length + diagnostics : -1;
    }

    /// <summary>
    /// The cases run in alternation, round after round, in one process (so machine load hits all of them
    /// alike), in a shuffled order each round (so none always follows the same neighbour); prints the minimum
    /// and median CPU time of each, and the analyzer's share by the minimums, by the medians, and by the
    /// median of the per-round differences with the control (the pairing cancels load that drifts between rounds).
    /// </summary>
    public static void RunAlternating(int rounds)
    {
        var sets = Sets;
        // Prepare runs untimed before each case: the cold case empties the model cache, the warm case makes sure its
        // own model is in it (the other set's cold case may just have emptied it).
        var cases = new List<(string Name, Action Prepare, Func<long> Run)>();
        var benches = new Dictionary<string, HostLiteralAnalyzerBenchmarks>();
        foreach (var set in sets)
        {
            var bench = benches[set] = new HostLiteralAnalyzerBenchmarks { Set = set };
            bench.Setup();
            Console.WriteLine($"{set}: {bench.DiagnosticCounts()}");
            cases.Add(($"{set} compile", () => { }, bench.Compile));
            cases.Add(($"{set} control", () => { }, bench.CompileWithControl));
            foreach (var start in Starts)
                cases.Add(($"{set} {Name(start)}", () => bench.Prepare(start), bench.CompileWithAnalyzer));
        }

        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        var order = new Random(5);
        for (var round = 0; round < rounds + 2; round++)
        {
            foreach (var (name, prepare, run) in cases.OrderBy(_ => order.Next()).ToList())
            {
                prepare();
                GC.Collect();
                var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                run();
                var cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds;
                if (round >= 2)
                    times[name].Add(cpu);
            }
        }

        static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(t => t).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        double Min(string n) => times[n].Min();
        double Median(string n) => MedianOf(times[n]);
        foreach (var (name, _, _) in cases)
            Console.WriteLine($"{name,-18} min {Min(name),8:F1} ms   median {Median(name),8:F1} ms   (CPU, {rounds} rounds)");
        foreach (var set in sets)
        {
            foreach (var start in Starts)
            {
                var callbacks = Enumerable.Range(0, 12).Select(_ => benches[set].CallbackMilliseconds(start)).Skip(2).ToList();
                Console.WriteLine($"{set} {Name(start)} callbacks (Roslyn telemetry, wall, 10 runs): min {callbacks.Min():F1} ms, median {MedianOf(callbacks):F1} ms = {MedianOf(callbacks) / Median(set + " compile"):P1} of the compile median");
            }
        }

        foreach (var set in sets)
        {
            string compile = set + " compile", control = set + " control";
            double PairedMedian(string n) => MedianOf(times[n].Zip(times[control], (a, c) => a - c));
            foreach (var start in Starts)
            {
                var name = set + " " + Name(start);
                Console.WriteLine($"analyzer ({name}) share of compile: by min {(Min(name) - Min(control)) / Min(compile):P1}, by median {(Median(name) - Median(control)) / Median(compile):P1}, "
                                  + $"by paired median {PairedMedian(name) / Median(compile):P1} ({PairedMedian(name):F1} ms)");
            }
        }
    }

    /// <summary>
    /// The time Roslyn's telemetry gives the analyzer's callbacks (wall time, summed over the callbacks, which run
    /// on one thread here), the compose load and <c>ReportDiagnostic</c> included: a direct measure of the numerator,
    /// without the noise of subtracting two whole compilations, but blind to any cost the driver pays outside the callbacks.
    /// </summary>
    public double CallbackMilliseconds(Start start) => CallbackMilliseconds(start, new HostLiteralAnalyzer());

    /// <summary>What the process allocated during the last <see cref="CallbackMilliseconds(Start, DiagnosticAnalyzer)"/>'s analysis (the compile's binding included, so compare with the control's).</summary>
    private long LastAllocated { get; set; }

    /// <summary><see cref="CallbackMilliseconds(Start)"/> for any analyzer (the control: what the driver and its telemetry cost for the same callbacks doing nothing).</summary>
    private double CallbackMilliseconds(Start start, DiagnosticAnalyzer analyzer)
    {
        Prepare(start);
        var analyzers = new CompilationWithAnalyzers(
            _compilation.Clone(),
            ImmutableArray.Create(analyzer),
            new CompilationWithAnalyzersOptions(_options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        LastAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return analyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
    }

    /// <summary>
    /// Only the steady figure of <see cref="RunAlternating"/>: the analyzer's callback time from Roslyn's telemetry, per
    /// set and start, over <paramref name="runs"/> runs after 30 untimed ones (enough for the runtime to optimize the code
    /// a start runs only once per compilation, such as the compose load), and the same for the control analyzer, whose
    /// callbacks do nothing: its figure is what the driver's dispatch and the telemetry's own stopwatch add per callback.
    /// </summary>
    public static void RunCallbacks(int runs, IReadOnlyList<string> sets)
    {
        foreach (var set in sets)
        {
            var bench = new HostLiteralAnalyzerBenchmarks { Set = set };
            bench.Setup();
            var (control, controlBytes) = Measure(bench, () => bench.CallbackMilliseconds(Start.Warm, new ControlAnalyzer()));
            foreach (var start in Starts)
            {
                var (callbacks, bytes) = Measure(bench, () => bench.CallbackMilliseconds(start));
                Console.WriteLine($"{set} {Name(start)} callbacks (Roslyn telemetry, wall, {runs} runs): min {callbacks[0]:F2} ms, median {callbacks[callbacks.Count / 2]:F2} ms; "
                                  + $"minus the control's: min {callbacks[0] - control[0]:F2} ms, median {callbacks[callbacks.Count / 2] - control[control.Count / 2]:F2} ms; "
                                  + $"allocated minus the control's (median): {(bytes - controlBytes) / 1024.0:F0} KB");
            }

            Console.WriteLine($"{set} control (same registrations, callbacks do nothing): min {control[0]:F2} ms, median {control[control.Count / 2]:F2} ms");
        }

        (List<double> Milliseconds, long MedianBytes) Measure(HostLiteralAnalyzerBenchmarks bench, Func<double> run)
        {
            for (var i = 0; i < 30; i++)
                run();
            var bytes = new List<long>();
            var times = Enumerable.Range(0, runs).Select(_ =>
            {
                var milliseconds = run();
                bytes.Add(bench.LastAllocated);
                return milliseconds;
            }).OrderBy(t => t).ToList();
            bytes.Sort();
            return (times, bytes[bytes.Count / 2]);
        }
    }

    /// <summary>
    /// The first build of a fresh process, as in CI: one <see cref="Start.Build"/> compilation, nothing run before it but
    /// the set's setup (which loads the compose project once to pick the literals), so the analyzer's code has not been
    /// compiled by the JIT yet. Run it in a new process each time; prints the wall time of the process's first two
    /// compiles without the analyzer, then the analyzer's telemetry in its first two builds.
    /// </summary>
    public static void RunFirst(string set)
    {
        var bench = new HostLiteralAnalyzerBenchmarks { Set = set };
        bench.Setup();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bench.Compile();
        var compile = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        bench.Compile();
        var again = clock.Elapsed.TotalMilliseconds;
        // The control's first build compiles Roslyn's own driver code (IL here, precompiled in the SDK), so the
        // analyzer's first build after it pays for the analyzer's code only.
        var (control, controlJit) = WithJit(() => bench.CallbackMilliseconds(Start.Build, new ControlAnalyzer()));
        var (first, firstJit) = WithJit(() => bench.CallbackMilliseconds(Start.Build));
        var (second, secondJit) = WithJit(() => bench.CallbackMilliseconds(Start.Build));
        Console.WriteLine($"{set}, fresh process: compile {compile:F0} ms, then {again:F0} ms; the control's first build {control:F2} ms ({controlJit}); "
                          + $"the analyzer's first build {first:F2} ms ({firstJit}), its second {second:F2} ms ({secondJit}) (Roslyn telemetry, wall)");

        static (double Milliseconds, string Jit) WithJit(Func<double> run)
        {
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var time = System.Runtime.JitInfo.GetCompilationTime();
            var milliseconds = run();
            return (milliseconds, $"JIT: {System.Runtime.JitInfo.GetCompiledMethodCount() - methods} methods, {(System.Runtime.JitInfo.GetCompilationTime() - time).TotalMilliseconds:F1} ms, from #{methods}");
        }
    }

    /// <summary>The analyzer case of one set, <paramref name="iterations"/> times, and nothing else: a loop to profile (<c>dotnet-trace</c>).</summary>
    public static void RunLoop(string set, Start start, int iterations)
    {
        var bench = new HostLiteralAnalyzerBenchmarks { Set = set };
        bench.Setup();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            bench.Prepare(start);
            bench.CompileWithAnalyzer();
        }

        Console.WriteLine($"{iterations} iterations in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Makes the analyzer's registrations exactly (concurrent execution, a compilation-start action, the same
    /// three syntax kinds) and does nothing: the cost of being such an analyzer at all, so that the difference
    /// with <see cref="HostLiteralAnalyzer"/> is ComposeGen's own work. Only ever run in-process here, never
    /// loaded by a compiler, so the analyzer-packaging rules do not apply.
    /// </summary>
#pragma warning disable RS1041, RS1036, RS2008, RS1026
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ControlAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("CTRL001", "never", "never", "control", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.StringLiteralExpression);
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.InterpolatedStringText);
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.AddExpression);
            });
        }
    }
#pragma warning restore RS1041, RS1036, RS2008, RS1026
}
