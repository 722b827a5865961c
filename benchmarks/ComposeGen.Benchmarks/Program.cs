using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ComposeGen.Benchmarks;

// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks                  everything, default job
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --short       everything, Job.ShortRun
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --phases [5000 ...] [--rounds N] [--only read ...]   Stopwatch breakdown (--only: steps whose name contains it, plus the floor)
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --profile 1000 load [seconds]   one step in a loop, for a profiler
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --literal-ab           literal analyzer A/B, alternating
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --literal-callbacks [runs] [set ...]   the analyzer's callback time only (Roslyn telemetry)
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --literal-build [runs] [set ...]   what the literal analyzer adds to a build's analyzers (with ComposeAnalyzer, with and without .env values)
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --literal-first [set]   one build's callbacks in a fresh process (as in CI)
// dotnet run -c Release --project benchmarks/ComposeGen.Benchmarks -- --literal-loop realistic|realistic-10|stress cold|build|warm [iterations]
//                                                                                   the analyzer alone in a loop, to attach a profiler
// Any other arguments go to BenchmarkDotNet (--filter, --job, --list flat, --exporters ...).
var arguments = args.ToList();

if (arguments.Remove("--literal-ab"))
{
    HostLiteralAnalyzerBenchmarks.RunAlternating(rounds: 30);
    return 0;
}

if (arguments.Remove("--literal-callbacks"))
{
    var runs = arguments.Count > 0 && int.TryParse(arguments[0], out var n) ? n : 20;
    var sets = arguments.Where(a => HostLiteralAnalyzerBenchmarks.Sets.Contains(a)).ToArray();
    HostLiteralAnalyzerBenchmarks.RunCallbacks(runs, sets.Length > 0 ? sets : HostLiteralAnalyzerBenchmarks.Sets);
    return 0;
}

if (arguments.Remove("--literal-build"))
{
    var runs = arguments.Count > 0 && int.TryParse(arguments[0], out var n) ? n : 20;
    var sets = arguments.Where(a => HostLiteralAnalyzerBenchmarks.Sets.Contains(a)).ToArray();
    HostLiteralAnalyzerBenchmarks.RunBuildCost(runs, sets.Length > 0 ? sets : HostLiteralAnalyzerBenchmarks.Sets);
    return 0;
}

if (arguments.Remove("--profile"))
{
    ProfileLoop.Run(arguments);
    return 0;
}

if (arguments.Remove("--literal-first"))
{
    HostLiteralAnalyzerBenchmarks.RunFirst(arguments.Count > 0 ? arguments[0] : "realistic");
    return 0;
}

if (arguments.Remove("--literal-loop"))
{
    HostLiteralAnalyzerBenchmarks.RunLoop(arguments[0], Enum.Parse<HostLiteralAnalyzerBenchmarks.Start>(arguments[1], ignoreCase: true), arguments.Count > 2 ? int.Parse(arguments[2]) : 40);
    return 0;
}

if (arguments.Remove("--phases"))
{
    Phases.Run(arguments);
    return 0;
}

IConfig config = DefaultConfig.Instance;
if (arguments.Remove("--short"))
{
    // Three warm-ups, three measured iterations, one launch: the whole set in a few minutes on two cores.
    config = config.AddJob(Job.ShortRun.WithId("ShortRun"));
}

// With no filter BenchmarkSwitcher would ask which benchmarks to run; the default is all of them.
if (!arguments.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" || a.StartsWith("--filter=", StringComparison.Ordinal)))
    arguments.AddRange(new[] { "--filter", "*" });

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ComposeBenchmarks).Assembly).Run(arguments.ToArray(), config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
