using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ComposeGen.Tests.Analysis;

/// <summary>
/// The honest proof: a real project is built with <c>dotnet build</c>, and the diagnostics arrive in the
/// SARIF error log (and the console) with the compose file's path, line and column.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class BuildIntegrationTests : IDisposable
{
    private static readonly string RepositoryRoot = Path.GetFullPath(Path.Combine(
        typeof(BuildIntegrationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ComposeGen.TestProjectDirectory").Value!,
        "..", ".."));

    private readonly string _directory = Directory.CreateTempSubdirectory("composegen-build-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Dotnet_build_reports_compose_diagnostics_at_the_yaml_line_and_column()
    {
        File.WriteAllText(Path.Combine(_directory, "docker-compose.yml"), """
            services:
              api:
                image: shop/api:1.0
                volumes:
                  - uploads:/uploads
                networks: [backend]
            networks:
              backend:
              unused:
            """.Replace("\r\n", "\n"));
        var project = Path.Combine(_directory, "App", "App.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(RepositoryRoot, "src", "ComposeGen", "ComposeGen.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <AdditionalFiles Include="../docker-compose.yml" />
                <CompilerVisibleProperty Include="RootNamespace;MSBuildProjectDirectory" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "App", "Lib.cs"), "public static class Lib { public static string Name => App.Compose.ProjectName; }\n");

        var sarif = Path.Combine(_directory, "build.sarif");
        // MSBuild splits properties at ',' and '=': escape them to ask for SARIF 2.1.
        var (exitCode, output) = Run("dotnet", $"build \"{project}\" -nologo \"-p:ErrorLog={sarif}%2Cversion%3D2.1\"");

        Assert.True(exitCode != 0, "CG2001 is an error by default, so the build must fail:\n" + output);
        var compose = Path.Combine(_directory, "docker-compose.yml");
        Assert.Contains($"{compose}(5,9): error CG2001: service 'api' mounts volume 'uploads', which is not declared under the top-level 'volumes'", output);

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var undefined = results.Single(r => r.GetProperty("ruleId").GetString() == "CG2001");
        var location = undefined.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(new Uri(compose).AbsoluteUri, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal((5, 9), (location.GetProperty("region").GetProperty("startLine").GetInt32(), location.GetProperty("region").GetProperty("startColumn").GetInt32()));
        // SARIF 2.1 leaves "level" out when it is the default ("warning"); an error says so.
        Assert.Equal("error", undefined.TryGetProperty("level", out var level) ? level.GetString() : "warning");

        var unused = results.Single(r => r.GetProperty("ruleId").GetString() == "CG2007");
        Assert.Equal(9, unused.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    private static (int ExitCode, string Output) Run(string command, string arguments)
    {
        var start = new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build did not finish in 10 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}

/// <summary>Builds run alone: they are heavy, and two builds of the analyzer project at once would collide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BuildCollection
{
    public const string Name = "dotnet build";
}
