using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using ComposeGen.Analysis.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>
/// What the C# host analyzer costs next to the compilation itself, on a synthetic project of about 3,000
/// string literals (most of them not host references). A measurement, run by hand: it prints figures and
/// asserts no timing.
/// </summary>
public class HostLiteralAnalyzerCostTests
{
    private readonly ITestOutputHelper _output;

    public HostLiteralAnalyzerCostTests(ITestOutputHelper output) => _output = output;

    [Fact(Skip = "measurement; run by hand")]
    public async Task Analyzer_time_as_a_fraction_of_compile_time()
    {
        // The first pass warms Roslyn itself (JIT, tiered compilation): only the second pass's figures mean anything.
        for (var pass = 1; pass <= 2; pass++)
        {
            _output.WriteLine($"pass {pass}");
            await Measure(withHostReferences: true);
            await Measure(withHostReferences: false);
        }
    }

    private async Task Measure(bool withHostReferences)
    {
        var sources = SyntheticSources(classes: 50, literalsPerClass: 30, withHostReferences);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll"))
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToArray();
        var options = new AnalyzerOptions(
            ImmutableArray.Create<AdditionalText>(new InMemoryText("/src/shop/compose.yaml", HostLiteralAnalyzerTest.Shop)),
            new GlobalOptionsProvider(new Dictionary<string, string>
            {
                ["build_property.MSBuildProjectDirectory"] = "/src/shop/Shop.Api",
                ["build_property.RootNamespace"] = "Shop.Api",
            }));

        CSharpCompilation Compile() => CSharpCompilation.Create(
            "Synthetic",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"/src/shop/Shop.Api/File{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var compileTimes = new List<double>();
        var analyzerTimes = new List<double>();
        var baselineTimes = new List<double>();
        var withAnalyzerTimes = new List<double>();
        var withEmptyTimes = new List<double>();
        var diagnostics = 0;
        for (var round = 0; round < 20; round++)
        {
            Settle();
            var clock = Stopwatch.StartNew();
            var plain = Compile();
            plain.GetDiagnostics();
            using (var stream = new MemoryStream())
                plain.Emit(stream);
            compileTimes.Add(clock.Elapsed.TotalMilliseconds);

            Settle();
            clock.Restart();
            var compilation = Compile();
            var analyzer = new HostLiteralAnalyzer();
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            using (var stream = new MemoryStream())
                compilation.Emit(stream);
            withAnalyzerTimes.Add(clock.Elapsed.TotalMilliseconds);
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            analyzerTimes.Add(telemetry.ExecutionTime.TotalMilliseconds);
            diagnostics = found.Length;

            // The floor: an analyzer that registers the same callbacks and does nothing (the driver's own cost per callback).
            Settle();
            clock.Restart();
            var empty = new EmptyLiteralAnalyzer();
            var baselineCompilation = Compile();
            var baseline = baselineCompilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(empty),
                new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            await baseline.GetAnalyzerDiagnosticsAsync();
            using (var stream = new MemoryStream())
                baselineCompilation.Emit(stream);
            withEmptyTimes.Add(clock.Elapsed.TotalMilliseconds);
            baselineTimes.Add((await baseline.GetAnalyzerTelemetryInfoAsync(empty, CancellationToken.None)).ExecutionTime.TotalMilliseconds);
        }

        // The first rounds warm the JIT (tiered compilation); report the median of the rest.
        static double Median(IEnumerable<double> values) => values.Skip(5).OrderBy(v => v).ElementAt((values.Count() - 5) / 2);
        var compile = Median(compileTimes);
        var analyzerOnly = Median(analyzerTimes);
        var withAnalyzer = Median(withAnalyzerTimes);
        var floor = Median(baselineTimes);
        var withEmpty = Median(withEmptyTimes);
        _output.WriteLine($"with host references: {withHostReferences}");
        _output.WriteLine($"literals: {sources.Sum(s => s.Split('"').Length / 2)}, diagnostics: {diagnostics}");
        _output.WriteLine($"compile (parse + bind + emit): {compile:F1} ms");
        _output.WriteLine($"analyzer execution time (Roslyn telemetry): {analyzerOnly:F2} ms = {100 * analyzerOnly / compile:F2}% of compile");
        _output.WriteLine($"an analyzer with the same callbacks doing nothing: {floor:F2} ms; ours above that: {analyzerOnly - floor:F2} ms = {100 * (analyzerOnly - floor) / compile:F2}% of compile");
        _output.WriteLine($"compile with the analyzer (wall, includes the analyzer driver's own overhead): {withAnalyzer:F1} ms, difference {withAnalyzer - compile:F1} ms = {100 * (withAnalyzer - compile) / compile:F2}%; with the do-nothing analyzer instead: {withEmpty:F1} ms; ours minus that: {withAnalyzer - withEmpty:F1} ms = {100 * (withAnalyzer - withEmpty) / compile:F2}%");
    }

#pragma warning disable RS1001 // not an analyzer to ship: only run through CompilationWithAnalyzers here
    private sealed class EmptyLiteralAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Diagnostics.DiagnosticDescriptors.UseGeneratedMember);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.StringLiteralExpression);
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.InterpolatedStringText);
            });
        }
    }

#pragma warning restore RS1001

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>Classes of string literals: mostly ordinary text, some with ':' or '=' (times, labels, key=value), about 1% real host references.</summary>
    private static List<string> SyntheticSources(int classes, int literalsPerClass, bool withHostReferences)
    {
        var sources = new List<string>();
        var n = 0;
        for (var c = 0; c < classes; c++)
        {
            var text = new StringBuilder();
            text.AppendLine("namespace Shop.Api.Synthetic {");
            text.AppendLine($"public class C{c} {{");
            text.AppendLine("  public static string Pick(int i, string name) { switch (i) {");
            for (var l = 0; l < literalsPerClass; l++, n++)
            {
                var literal = (n % 100) switch
                {
                    0 when withHostReferences => "Host=orders-db;Port=5432;Username=shop;Password=secret;Database=orders",
                    1 when withHostReferences => "redis://cahce:6379",
                    < 10 => $"{n % 24:00}:{n % 60:00}",
                    < 20 => $"key{n}=value{n}",
                    < 25 => $"label:{n}",
                    _ => $"Hello, {n} world of ordinary strings number {n}",
                };
                text.AppendLine($"    case {l}: return \"{literal}\" + name + \"{n}\";");
            }

            text.AppendLine("    default: return string.Empty; } }");
            text.AppendLine("} }");
            sources.Add(text.ToString());
        }

        return sources;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class GlobalOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);
        private static readonly Options Empty = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
