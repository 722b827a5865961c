using System.Collections.Immutable;
using ComposeGen.Analysis.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>
/// The compose files are read only when a literal holds a host reference: a compilation without one never
/// asks for the additional file's text (issue 5: the load is the analyzer's largest fixed cost).
/// </summary>
public class HostLiteralAnalyzerLazyLoadTests
{
    [Fact]
    public async Task A_compilation_without_host_references_never_reads_the_compose_file()
    {
        var compose = new CountingText("/src/lazy-none/compose.yaml", HostLiteralAnalyzerTest.Shop);
        var diagnostics = await Analyze(compose, "/src/lazy-none/Shop.Api", """
            public static class Texts
            {
                public const string Greeting = "hello world";
                public static string Sql => "SELECT id FROM items WHERE id = @id";
                public static string Message(int n) => $"Processing item {n} of many";
                public static string Joined => "abc" + "def";
            }
            """);

        Assert.Empty(diagnostics);
        Assert.Equal(0, compose.Reads);
    }

    [Fact]
    public async Task A_host_reference_loads_the_compose_project_and_is_checked()
    {
        var compose = new CountingText("/src/lazy-some/compose.yaml", HostLiteralAnalyzerTest.Shop);
        var diagnostics = await Analyze(compose, "/src/lazy-some/Shop.Api", """
            public static class Texts
            {
                public const string Greeting = "hello world";
                public static string Orders => "postgres://shop:secret@ordrs-db:5432/orders";
                public static string Cache => "redis://cache:6379";
                public static string Other => "http://ordrs-db:8080/health";
            }
            """);

        Assert.Equal(new[] { "CG5001", "CG5001" }, diagnostics.Where(d => d.Id == "CG5001").Select(d => d.Id));
        Assert.True(compose.Reads > 0);
    }

    [Fact]
    public async Task The_same_syntax_tree_is_judged_against_each_compilations_own_compose_project()
    {
        // The IDE hands an unchanged document's tree to the next compilation, and the analyzer remembers what it found in
        // that tree's literals; what a host means must still come from the compose project of each compilation.
        var tree = CSharpSyntaxTree.ParseText("""
            public static class Texts
            {
                public static string Search => "http://search:9200/";
            }
            """, path: "/src/lazy-same/Shop.Api/Texts.cs");
        var without = new CountingText("/src/lazy-same/compose.yaml", HostLiteralAnalyzerTest.Shop);
        var with = new CountingText("/src/lazy-same/compose.yaml", HostLiteralAnalyzerTest.Shop.Replace("  web:\n", "  search:\n    image: elasticsearch:8.13.0\n    networks: [data]\n  web:\n"));

        var first = await Analyze(without, "/src/lazy-same/Shop.Api", tree);
        var second = await Analyze(with, "/src/lazy-same/Shop.Api", tree);

        Assert.Equal(new[] { "CG5001" }, first.Select(d => d.Id));
        Assert.Equal(new[] { "CG5003" }, second.Select(d => d.Id)); // now a service: the generated member is suggested
    }

    [Fact]
    public void The_model_is_kept_by_the_content_of_the_compose_files_not_by_their_text_objects()
    {
        // A file over 40K characters read from disk is a chunked text; the cache compares its characters instead of
        // copying it into a string on every compilation. Another text object with the same characters finds the model.
        var yaml = HostLiteralAnalyzerTest.Shop + "# " + new string('x', 50_000) + "\n";
        SourceText Chunked(string text) => SourceText.From(new StringReader(text), text.Length);
        AnalyzerOptions Options(SourceText text) => new(
            ImmutableArray.Create<AdditionalText>(new FixedText("/src/lazy-key/compose.yaml", text)),
            new GlobalOptionsProvider(new Dictionary<string, string> { ["build_property.MSBuildProjectDirectory"] = "/src/lazy-key/Shop.Api" }));

        var first = CodeHostModelCache.Get(Options(Chunked(yaml)), CancellationToken.None);
        var again = CodeHostModelCache.Get(Options(Chunked(yaml)), CancellationToken.None);
        var edited = CodeHostModelCache.Get(Options(Chunked(yaml.Replace("# x", "# y"))), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.NotSame(first, edited);
    }

    private static Task<ImmutableArray<Diagnostic>> Analyze(AdditionalText compose, string projectDirectory, string code)
        => Analyze(compose, projectDirectory, CSharpSyntaxTree.ParseText(code, path: projectDirectory + "/Texts.cs"));

    private static async Task<ImmutableArray<Diagnostic>> Analyze(AdditionalText compose, string projectDirectory, SyntaxTree tree)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToArray();
        var compilation = CSharpCompilation.Create("Lazy", new[] { tree }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(ImmutableArray.Create(compose), new GlobalOptionsProvider(new Dictionary<string, string>
        {
            ["build_property.MSBuildProjectDirectory"] = projectDirectory,
            ["build_property.RootNamespace"] = "Shop.Api",
        }));
        var analyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new HostLiteralAnalyzer()),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        return await analyzers.GetAnalyzerDiagnosticsAsync();
    }

    private sealed class CountingText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return _text;
        }
    }

    private sealed class FixedText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }

    private sealed class GlobalOptionsProvider(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private static readonly Options Empty = new(new Dictionary<string, string>());
        private readonly Options _global = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                var found = values.TryGetValue(key, out var text);
                value = text ?? "";
                return found;
            }
        }
    }
}
