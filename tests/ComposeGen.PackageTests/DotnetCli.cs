using System.Diagnostics;

namespace ComposeGen.PackageTests;

/// <summary>Runs <c>dotnet</c> (or an app) as a user would, with the consumer's isolated package cache.</summary>
public static class DotnetCli
{
    public sealed record Result(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}\n{Output}";
    }

    /// <param name="packages">The NuGet package cache (NUGET_PACKAGES); null for the machine's own.</param>
    public static Result Run(string workingDirectory, string? packages, IReadOnlyDictionary<string, string>? environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (packages is not null)
            start.Environment["NUGET_PACKAGES"] = packages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // One build at a time, no node left behind holding the analyzer assemblies of a deleted directory.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment.Remove("COMPOSEGEN_CONTEXT");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(" ", arguments)}' did not finish in 10 minutes");
        }

        return new Result(process.ExitCode, stdout.Result + stderr.Result);
    }
}
