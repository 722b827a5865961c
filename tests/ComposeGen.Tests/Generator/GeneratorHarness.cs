using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Tests.Generator;

/// <summary>Runs <see cref="ComposeGenerator"/> the way the compiler does, on files held in memory.</summary>
internal static class GeneratorHarness
{
    public const string ProjectDirectory = "/src/shop/Shop.Api";
    public const string ComposeDirectory = "/src/shop";

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? properties = null, CSharpParseOptions? parseOptions = null)
    {
        var options = new TestOptionsProvider(Properties(properties));
        return CSharpGeneratorDriver.Create(
            new[] { new ComposeGenerator().AsSourceGenerator() },
            files,
            parseOptions ?? new CSharpParseOptions(LanguageVersion.Latest),
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static Dictionary<string, string> Properties(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var properties = new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Shop.Api",
            ["build_property.MSBuildProjectDirectory"] = ProjectDirectory,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
            properties["build_property." + key] = value;
        return properties;
    }

    public static AdditionalText Compose(string yaml, string name = "compose.yaml", string directory = ComposeDirectory)
        => new InMemoryText($"{directory}/{name}", yaml);

    /// <summary>Runs the generator over <paramref name="yaml"/> and returns the generated <c>Compose.g.cs</c>.</summary>
    public static GeneratorRun Run(
        string yaml,
        IReadOnlyDictionary<string, string>? properties = null,
        IEnumerable<MetadataReference>? references = null,
        LanguageVersion language = LanguageVersion.Latest,
        AdditionalText[]? otherFiles = null,
        string composeDirectory = ComposeDirectory)
    {
        var parseOptions = new CSharpParseOptions(language);
        var compilation = CreateCompilation(Array.Empty<string>(), references ?? ReferenceAssemblies.Net10, parseOptions);
        var driver = CreateDriver(new[] { Compose(yaml, directory: composeDirectory) }.Concat(otherFiles ?? Array.Empty<AdditionalText>()), properties, parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, output, generatorDiagnostics);
    }

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, IEnumerable<MetadataReference> references, CSharpParseOptions? parseOptions = null, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
        => CSharpCompilation.Create(
            "Consumer",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, parseOptions ?? new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: (parseOptions?.LanguageVersion ?? LanguageVersion.Latest) < LanguageVersion.CSharp8 ? NullableContextOptions.Disable : NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Error, deterministic: true)
                // As the .NET SDK does (NoWarn 1701;1702): assembly-version unification notes, not problems.
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS1701"] = ReportDiagnostic.Suppress, ["CS1702"] = ReportDiagnostic.Suppress }));
}

internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    public string? Source(string hintName = "Compose.g.cs")
        => Result.Results.SelectMany(r => r.GeneratedSources).FirstOrDefault(s => s.HintName == hintName).SourceText?.ToString();

    /// <summary>Errors and warnings of the compilation with the generated code (warnings are errors here).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems
        => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public Assembly Load()
    {
        using var stream = new MemoryStream();
        var emit = Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new System.Runtime.Loader.AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true);
        stream.Position = 0;
        return context.LoadFromStream(stream);
    }
}

internal sealed class InMemoryText : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, System.Text.Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly TestOptions _global;

    public TestOptionsProvider(IReadOnlyDictionary<string, string> global) => _global = new TestOptions(global);

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => TestOptions.Empty;

    private sealed class TestOptions : AnalyzerConfigOptions
    {
        public static readonly TestOptions Empty = new(new Dictionary<string, string>());

        private readonly IReadOnlyDictionary<string, string> _values;

        public TestOptions(IReadOnlyDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value)
        {
            var found = _values.TryGetValue(key, out var text);
            value = text ?? "";
            return found;
        }
    }
}

/// <summary>Reference assemblies of the frameworks consumers build for, from the SDK and the NuGet cache.</summary>
internal static class ReferenceAssemblies
{
    private static readonly string NuGetRoot = typeof(ReferenceAssemblies).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ComposeGen.NuGetPackageRoot").Value!;

    public static readonly IReadOnlyList<MetadataReference> Net10 = FromDirectory(LatestDirectory(Path.Combine(SdkRoot(), "packs", "Microsoft.NETCore.App.Ref"), "10.") + "/ref/net10.0");

    public static readonly IReadOnlyList<MetadataReference> Net8 = FromDirectory(LatestDirectory(Path.Combine(NuGetRoot, "microsoft.netcore.app.ref"), "8.") + "/ref/net8.0");

    public static readonly IReadOnlyList<MetadataReference> NetStandard20 = FromDirectory(Path.Combine(NuGetRoot, "netstandard.library", "2.0.3", "build", "netstandard2.0", "ref"));

    /// <summary>Microsoft.Extensions.Configuration and what it needs, as an ASP.NET Core app has them.</summary>
    public static readonly IReadOnlyList<MetadataReference> Configuration = new[]
    {
        typeof(Microsoft.Extensions.Configuration.ConfigurationBuilder).Assembly,
        typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
        typeof(Microsoft.Extensions.Primitives.IChangeToken).Assembly,
    }.Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)).ToList();

    /// <summary>dotnet/shared/Microsoft.NETCore.App/10.0.x/System.Private.CoreLib.dll → dotnet.</summary>
    private static string SdkRoot()
        => new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!).Parent!.Parent!.Parent!.FullName;

    private static string LatestDirectory(string parent, string prefix)
        => Directory.GetDirectories(parent).Where(d => Path.GetFileName(d).StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(d => Version.Parse(Path.GetFileName(d).Split('-')[0])).Last();

    private static IReadOnlyList<MetadataReference> FromDirectory(string directory)
        => Directory.GetFiles(directory, "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
}
