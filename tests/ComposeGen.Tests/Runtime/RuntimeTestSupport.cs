using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

/// <summary>
/// The run-time tests change process-wide state (environment variables, <see cref="ComposeRuntime"/>'s seams, the
/// .env cache), so they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeCollection
{
    public const string Name = "ComposeGen.Runtime (process-wide state)";
}

/// <summary>Sets process environment variables with unique names and removes them at the end.</summary>
internal sealed class EnvironmentScope : IDisposable
{
    private readonly List<string> _names = new();

    /// <summary>A fresh variable name that no other test and no machine uses.</summary>
    public string NewName(string hint = "VAR")
    {
        var name = $"CG_RT_{hint}_{Guid.NewGuid():N}".ToUpperInvariant();
        _names.Add(name);
        return name;
    }

    public string Set(string name, string? value)
    {
        if (!_names.Contains(name))
            _names.Add(name);
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }

    public void Dispose()
    {
        foreach (var name in _names)
            Environment.SetEnvironmentVariable(name, null);
    }
}

/// <summary>A temporary directory, deleted at the end; also forgets cached .env files and resets the seams.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "composegen-runtime-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        ComposeDotEnv.ClearCache();
        ComposeRuntime.ResetSeams();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
