using System.Text.Json;

namespace ComposeGen.PackageTests;

/// <summary>A fresh consumer project under the fixture's work directory: its files, its build, its run.</summary>
internal sealed class Consumer
{
    private readonly PackageFixture _fixture;

    public Consumer(PackageFixture fixture, string name)
    {
        _fixture = fixture;
        Directory = Path.Combine(fixture.Work, name);
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Directory, relative));

    public Consumer With(string relative, string content)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.Replace("\r\n", "\n"));
        return this;
    }

    /// <summary>A project that references the package exactly as <c>dotnet add package ComposeGen</c> writes it.</summary>
    public Consumer WithProject(string relative, string sdk = "Microsoft.NET.Sdk", string framework = "net10.0", string outputType = "Exe", string extra = "", string items = "")
        => With(relative, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>{outputType}</OutputType>
                <TargetFramework>{framework}</TargetFramework>
                <Nullable>{(framework.StartsWith("netstandard", StringComparison.Ordinal) ? "disable" : "enable")}</Nullable>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <ErrorLog>$(MSBuildProjectDirectory)/build.sarif,version=2.1</ErrorLog>
            {extra}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ComposeGen" Version="{PackageFixture.Version}">
                  <IncludeAssets>runtime; build; native; contentfiles; analyzers; buildtransitive</IncludeAssets>
                  <PrivateAssets>all</PrivateAssets>
                </PackageReference>
            {items}
              </ItemGroup>
            </Project>
            """);

    /// <summary>1-based line and column of <paramref name="needle"/> in a file of this consumer, as SARIF and MSBuild give them.</summary>
    public (int Line, int Column) Position(string relative, string needle)
    {
        var text = File.ReadAllText(PathOf(relative));
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{needle}' is not in {relative}");
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (text.Take(index).Count(c => c == '\n') + 1, index - lineStart + 1);
    }

    /// <summary><c>dotnet build</c> of one project; its SARIF log is the one its project file asks for (<see cref="WithProject"/>).</summary>
    public Build BuildProject(string project, params string[] arguments)
    {
        var path = PathOf(project);
        var directory = Path.GetDirectoryName(path)!;
        File.Delete(Path.Combine(directory, "build.sarif"));
        var result = Dotnet(directory, new[] { "build", path, "-nologo", "-tl:off" }.Concat(arguments).ToArray());
        return new Build(result, directory);
    }

    /// <summary>The AdditionalFiles items MSBuild evaluates for the project (what the compiler and the IDE get).</summary>
    public IReadOnlyList<(string Path, string Kind)> AdditionalFiles(string project)
    {
        var result = Dotnet(Directory, "msbuild", PathOf(project), "-getItem:AdditionalFiles", "-nologo");
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output.Substring(result.Output.IndexOf('{'));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(item => (item.GetProperty("FullPath").GetString()!, item.TryGetProperty("ComposeGenKind", out var kind) ? kind.GetString() ?? "" : ""))
            .ToList();
    }

    public DotnetCli.Result Dotnet(string workingDirectory, params string[] arguments)
        => DotnetCli.Run(workingDirectory, _fixture.Packages, null, "dotnet", arguments);

    /// <summary>Runs a built app (<c>dotnet App.dll</c>) with the given environment.</summary>
    public DotnetCli.Result RunApp(string dll, IReadOnlyDictionary<string, string>? environment = null)
        => DotnetCli.Run(Path.GetDirectoryName(PathOf(dll))!, _fixture.Packages, environment, "dotnet", PathOf(dll));
}

internal sealed record Build(DotnetCli.Result Result, string ProjectDirectory)
{
    public bool Succeeded => Result.ExitCode == 0;

    /// <summary>The project's SARIF log, which the compiler must have written.</summary>
    public IReadOnlyList<SarifResult> Diagnostics
    {
        get
        {
            var path = Path.Combine(ProjectDirectory, "build.sarif");
            Assert.True(File.Exists(path), $"the compiler wrote no SARIF log at {path}:\n{Result}");
            return Sarif.Read(path);
        }
    }

    public string Output => Result.Output;

    /// <summary>A file the generator wrote (EmitCompilerGeneratedFiles), or null.</summary>
    public string? Generated(string hintName, string framework = "net10.0")
    {
        var path = Path.Combine(ProjectDirectory, "obj", "Debug", framework, "generated", "ComposeGen", "ComposeGen.ComposeGenerator", hintName);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public string[] GeneratedFiles(string framework = "net10.0")
    {
        var directory = Path.Combine(ProjectDirectory, "obj", "Debug", framework, "generated", "ComposeGen");
        return System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).ToArray() : Array.Empty<string>();
    }

    public override string ToString() => Result.ToString();
}

internal sealed record SarifResult(string RuleId, string Level, string Message, string? File, int Line, int Column);

internal static class Sarif
{
    public static IReadOnlyList<SarifResult> Read(string path)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(path));
        var results = new List<SarifResult>();
        foreach (var run in log.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var items))
                continue;
            foreach (var result in items.EnumerateArray())
            {
                string? file = null;
                int line = 0, column = 0;
                if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0)
                {
                    var physical = locations[0].GetProperty("physicalLocation");
                    file = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
                    var region = physical.GetProperty("region");
                    line = region.GetProperty("startLine").GetInt32();
                    column = region.TryGetProperty("startColumn", out var c) ? c.GetInt32() : 1;
                }

                // SARIF 2.1 leaves "level" out when it is the default, "warning".
                var level = result.TryGetProperty("level", out var l) ? l.GetString()! : "warning";
                results.Add(new SarifResult(result.GetProperty("ruleId").GetString()!, level, result.GetProperty("message").GetProperty("text").GetString()!, file, line, column));
            }
        }

        return results;
    }
}
