using System.Reflection;

namespace ComposeGen.PackageTests;

/// <summary>
/// Packs ComposeGen once for all tests: from a copy of the sources (so a concurrent build of the working tree
/// cannot collide with it) into a temporary feed, and writes the nuget.config that consumers restore with.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string Version = "0.1.0-e2e";

    public static readonly string RepositoryRoot = typeof(PackageFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ComposeGen.RepositoryRoot").Value!;

    public PackageFixture()
    {
        Root = Directory.CreateTempSubdirectory("composegen-e2e-").FullName;
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Work = Path.Combine(Root, "work");
        Directory.CreateDirectory(Work);

        var source = Path.Combine(Root, "source");
        CopySources(source);
        // The machine's own package cache for packing, so the consumers' cache starts empty.
        Pack = DotnetCli.Run(source, packages: null, null, "dotnet",
            "pack", Path.Combine(source, "src", "ComposeGen.Package", "ComposeGen.Package.csproj"),
            "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nologo", "-tl:off");
        PackagePath = Path.Combine(Feed, $"ComposeGen.{Version}.nupkg");

        // Consumers see only this feed for ComposeGen (package source mapping), everything else from nuget.org.
        File.WriteAllText(Path.Combine(Work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="composegen-e2e" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="composegen-e2e"><package pattern="ComposeGen" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    public string Root { get; }

    /// <summary>The temporary local feed that <c>dotnet pack</c> wrote to.</summary>
    public string Feed { get; }

    /// <summary>The consumers' own package cache (NUGET_PACKAGES), empty at the start.</summary>
    public string Packages { get; }

    /// <summary>Where the consumer projects are created; holds the nuget.config.</summary>
    public string Work { get; }

    public DotnetCli.Result Pack { get; }

    public string PackagePath { get; }

    public void Dispose()
    {
        // COMPOSEGEN_E2E_KEEP=1 keeps the feed and the consumer projects for a look after the run.
        if (Environment.GetEnvironmentVariable("COMPOSEGEN_E2E_KEEP") == "1")
            return;
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file: the temp directory is cleaned by the OS.
        }
    }

    private static void CopySources(string destination)
    {
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "README.md", "LICENSE", "THIRD-PARTY-NOTICES.txt" })
            Copy(Path.Combine(RepositoryRoot, file), Path.Combine(destination, file));
        var src = Path.Combine(RepositoryRoot, "src");
        foreach (var file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Contains("bin") || parts.Contains("obj"))
                continue;
            Copy(file, Path.Combine(destination, "src", relative));
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "ComposeGen package";
}
