using System.Collections.Immutable;
using System.Text;
using ComposeGen.Analysis;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Benchmarks;

/// <summary>
/// Runs <see cref="ComposeGenerator"/> and <see cref="ComposeAnalyzer"/> the way the compiler does, on files
/// held in memory (the pattern of tests/ComposeGen.Tests/Generator/GeneratorHarness.cs).
/// </summary>
public static class Roslyn
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>net10.0 reference assemblies from the SDK's packs folder (the newest 10.x).</summary>
    public static readonly IReadOnlyList<MetadataReference> References = LoadReferences();

    /// <summary>A small consumer project: the C# side of the compilation, twenty files of ordinary code.</summary>
    public static CSharpCompilation Consumer(int files = 20)
        => CSharpCompilation.Create(
            "Consumer",
            Enumerable.Range(0, files).Select(i => CSharpSyntaxTree.ParseText(ConsumerFile(i, 0), ParseOptions, $"/bench/consumer/File{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    /// <summary>The text of consumer file <paramref name="index"/>; <paramref name="edit"/> changes a method body (an unrelated C# edit).</summary>
    public static string ConsumerFile(int index, int edit)
        => $$"""
            namespace Consumer;

            public sealed class Service{{index}}
            {
                private int _calls;

                public string Describe(string name) => "service " + name + " #" + (++_calls + {{edit}});

                public int Sum(int[] values)
                {
                    var total = 0;
                    foreach (var value in values)
                        total += value * {{index + 1}};
                    return total;
                }
            }
            """;

    /// <summary>
    /// A new driver, as in a build's first compilation: the process-wide cache of loaded projects, which the generator
    /// shares with the analyzers of the same build, is emptied first, so a cold run loads the YAML.
    /// </summary>
    public static GeneratorDriver CreateDriver(BenchProject project, IReadOnlyDictionary<string, string> texts)
    {
        ProjectLoadCache.Clear();
        return CSharpGeneratorDriver.Create(
            new[] { new ComposeGenerator().AsSourceGenerator() },
            AdditionalTexts(project, texts),
            ParseOptions,
            Options(project),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
    }

    public static ImmutableArray<AdditionalText> AdditionalTexts(BenchProject project, IReadOnlyDictionary<string, string> texts)
        => project.Files.Select(path => (AdditionalText)new InMemoryText(path, texts[path])).ToImmutableArray();

    /// <summary>The build properties the package's targets pass: the project directory, and the compose files in merge order.</summary>
    public static AnalyzerConfigOptionsProvider Options(BenchProject project)
        => new OptionsProvider(new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Consumer",
            ["build_property.MSBuildProjectDirectory"] = project.Directory,
            ["build_property.ComposeFiles"] = string.Join(";", project.Files),
        });

    /// <summary>The compose analyzer over the consumer compilation with the project's files as additional files, sequentially.</summary>
    public static int RunAnalyzer(Compilation compilation, BenchProject project, IReadOnlyDictionary<string, string> texts)
    {
        ProjectLoadCache.Clear(); // the analyzer measured alone: it loads the project itself
        var options = new AnalyzerOptions(AdditionalTexts(project, texts), Options(project));
        var analyzers = new CompilationWithAnalyzers(
            compilation,
            ImmutableArray.Create<DiagnosticAnalyzer>(new ComposeAnalyzer()),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        return analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        // dotnet/shared/Microsoft.NETCore.App/10.0.x/System.Private.CoreLib.dll → dotnet
        var dotnet = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!).Parent!.Parent!.Parent!.FullName;
        var packs = Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref");
        var latest = Directory.GetDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal))
            .OrderBy(d => Version.Parse(Path.GetFileName(d).Split('-')[0]))
            .Last();
        return Directory.GetFiles(Path.Combine(latest, "ref", "net10.0"), "*.dll")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToList();
    }

    internal sealed class InMemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public InMemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Empty = new(new Dictionary<string, string>());
        private readonly Options _global;

        public OptionsProvider(Dictionary<string, string> global) => _global = new Options(global);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value)
            {
                var found = _values.TryGetValue(key, out var text);
                value = text ?? "";
                return found;
            }
        }
    }
}
