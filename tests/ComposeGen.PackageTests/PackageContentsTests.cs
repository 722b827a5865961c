using System.IO.Compression;
using System.Xml.Linq;

namespace ComposeGen.PackageTests;

/// <summary>Issue 6 / SPEC §7: what <c>dotnet pack</c> makes, and only that.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentsTests
{
    private readonly PackageFixture _fixture;

    public PackageContentsTests(PackageFixture fixture) => _fixture = fixture;

    [Fact]
    public void Pack_makes_one_package_and_nothing_else()
    {
        Assert.True(_fixture.Pack.ExitCode == 0, _fixture.Pack.ToString());
        Assert.DoesNotContain("warning", _fixture.Pack.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { Path.GetFileName(_fixture.PackagePath) }, Directory.GetFiles(_fixture.Feed).Select(Path.GetFileName));
    }

    [Fact]
    public void The_package_holds_the_analyzers_the_build_files_and_the_notices()
    {
        using var package = ZipFile.OpenRead(_fixture.PackagePath);
        var files = package.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal) && name != "[Content_Types].xml")
            .OrderBy(name => name, StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                "ComposeGen.nuspec",
                "LICENSE",
                "README.md",
                "THIRD-PARTY-NOTICES.txt",
                "analyzers/dotnet/cs/ComposeGen.CodeFixes.dll",
                "analyzers/dotnet/cs/ComposeGen.dll",
                "analyzers/dotnet/cs/YamlDotNet.dll",
                "buildTransitive/ComposeGen.props",
                "buildTransitive/ComposeGen.targets",
            },
            files);

        // Symbols: the portable PDB is embedded in each analyzer assembly.
        foreach (var assembly in new[] { "ComposeGen.dll", "ComposeGen.CodeFixes.dll" })
        {
            using var stream = new MemoryStream();
            using (var entry = package.GetEntry("analyzers/dotnet/cs/" + assembly)!.Open())
                entry.CopyTo(stream);
            stream.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            Assert.Contains(pe.ReadDebugDirectory(), d => d.Type == System.Reflection.PortableExecutable.DebugDirectoryEntryType.EmbeddedPortablePdb);
        }

        using var notices = new StreamReader(package.GetEntry("THIRD-PARTY-NOTICES.txt")!.Open());
        Assert.Contains("YamlDotNet", notices.ReadToEnd());
    }

    [Fact]
    public void The_nuspec_declares_a_development_dependency_with_no_dependencies()
    {
        using var package = ZipFile.OpenRead(_fixture.PackagePath);
        using var nuspec = package.GetEntry("ComposeGen.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("ComposeGen", Value("id"));
        Assert.Equal(PackageFixture.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("docker-compose", Value("tags"));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        Assert.Null(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies"));
    }
}
