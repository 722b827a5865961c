using System.Collections.Immutable;
using ComposeGen.Analysis;
using ComposeGen.Analysis.CSharp;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Benchmarks;

public partial class HostLiteralAnalyzerBenchmarks
{
    /// <summary>
    /// What the literal analyzer adds to a real build, where it never runs alone: the generator runs first, then
    /// ComposeGen's analyzers together (<see cref="ComposeAnalyzer"/> and <see cref="HostLiteralAnalyzer"/>), sharing
    /// the compose project through <see cref="ProjectLoadCache"/>. Measured as Roslyn's telemetry summed over the
    /// analyzers (wall time of their callbacks), with and without the literal analyzer, alternated round by round in
    /// a fresh build state each time (empty caches, an empty table of scanned literals), for two projects: without a
    /// <c>.env</c> (the analyzers take the generator's load) and with a <c>.env</c> that sets a value the compose files
    /// use (the generator never reads <c>.env</c>, so the analyzers load the project once more, between them).
    /// Run it with <c>DOTNET_GCgen0size=0x10000000</c>: with the default budget a collection is paid by whichever
    /// callback crosses it, the compiler's or an analyzer's, and costs up to tens of milliseconds with a compilation in
    /// memory, so the medians measure where collections fall more than the analyzer's work. What the analyzer
    /// allocates is measured on its own (the <c>allocated</c> figure of <c>--literal-callbacks</c>).
    /// </summary>
    public static void RunBuildCost(int runs, IReadOnlyList<string> sets)
    {
        const int warmUp = 30;
        foreach (var set in sets)
        {
            var bench = new HostLiteralAnalyzerBenchmarks { Set = set };
            bench.Setup();
            var variants = new[] { ("no .env values", bench._options), (".env sets a value the files use", bench.WithDotEnv("BASE_TAG=2.0.0\n")) };
            var compile = new List<double>();
            var alone = variants.Select(_ => new List<double>()).ToArray();
            var both = variants.Select(_ => new List<double>()).ToArray();
            var literalOwn = variants.Select(_ => new List<double>()).ToArray();
            // Every case once per round, so that a disturbed stretch of the run hits them all alike.
            for (var round = 0; round < warmUp + runs; round++)
            {
                GC.Collect(); // as --literal-ab measures the compile: its own garbage only
                var clock = System.Diagnostics.Stopwatch.StartNew();
                bench.Compile();
                var compiled = clock.Elapsed.TotalMilliseconds;
                for (var v = 0; v < variants.Length; v++)
                {
                    var composeOnly = bench.BuildCallbacks(variants[v].Item2, literal: false).Total;
                    var (total, own) = bench.BuildCallbacks(variants[v].Item2, literal: true);
                    if (round < warmUp)
                        continue;
                    alone[v].Add(composeOnly);
                    both[v].Add(total);
                    literalOwn[v].Add(own);
                }

                if (round >= warmUp)
                    compile.Add(compiled);
            }

            var compileMedian = Median(compile);
            Console.WriteLine($"{set}: compile (bind + emit, one thread, wall) min {compile.Min():F1}, median {compileMedian:F1} ms; analyzers in {runs} builds (Roslyn telemetry, wall):");
            for (var v = 0; v < variants.Length; v++)
            {
                var paired = Median(both[v].Zip(alone[v], (b, a) => b - a).ToList());
                var byMedians = Median(both[v]) - Median(alone[v]);
                Console.WriteLine($"  {variants[v].Item1}: ComposeAnalyzer alone min {alone[v].Min():F2}, median {Median(alone[v]):F2} ms; with HostLiteralAnalyzer min {both[v].Min():F2}, median {Median(both[v]):F2} ms");
                Console.WriteLine($"    added by HostLiteralAnalyzer: paired median {paired:F2} ms = {paired / compileMedian:P1}, difference of the medians {byMedians:F2} ms = {byMedians / compileMedian:P1}; "
                                  + $"its own callbacks min {literalOwn[v].Min():F2}, median {Median(literalOwn[v]):F2} ms");
            }
        }

        static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }
    }

    /// <summary>The set's options with a <c>.env</c> next to the compose file.</summary>
    private AnalyzerOptions WithDotEnv(string text)
    {
        var files = _options.AdditionalFiles.Add(new Roslyn.InMemoryText("/bench/.env", text));
        return new AnalyzerOptions(files, _options.AnalyzerConfigOptionsProvider);
    }

    /// <summary>
    /// One build's analysis in a fresh build state: the generator's run, then ComposeGen's analyzers; the telemetry of
    /// all of them summed, and the literal analyzer's own.
    /// </summary>
    private (double Total, double Literal) BuildCallbacks(AnalyzerOptions options, bool literal)
    {
        CodeHostModelCache.Clear();
        ProjectLoadCache.Clear();
        HostLiteralAnalyzer.UseScannedLiterals(new());
        CSharpGeneratorDriver.Create(new[] { new ComposeGenerator().AsSourceGenerator() }, options.AdditionalFiles, Roslyn.ParseOptions, options.AnalyzerConfigOptionsProvider).RunGenerators(_compilation);
        // Every build starts with an empty young generation: with a budget larger than one build allocates
        // (DOTNET_GCgen0size), no collection lands in any build, instead of in whichever case comes at the same point of each round.
        GC.Collect();
        var analyzers = literal
            ? ImmutableArray.Create<DiagnosticAnalyzer>(new ComposeAnalyzer(), new HostLiteralAnalyzer())
            : ImmutableArray.Create<DiagnosticAnalyzer>(new ComposeAnalyzer());
        var run = new CompilationWithAnalyzers(
            _compilation.Clone(),
            analyzers,
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        run.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var times = analyzers.Select(a => run.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds).ToList();
        return (times.Sum(), literal ? times[1] : 0);
    }
}
