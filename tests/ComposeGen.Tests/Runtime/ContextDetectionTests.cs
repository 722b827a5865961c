using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

[Collection(RuntimeCollection.Name)]
public sealed class ContextDetectionTests : IDisposable
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly List<string> _probedFiles = new();

    public ContextDetectionTests()
    {
        ComposeRuntime.EnvironmentVariableReader = name => _environment.TryGetValue(name, out var value) ? value : null;
        ComposeRuntime.FileExistsProbe = path =>
        {
            _probedFiles.Add(path);
            return _files.Contains(path);
        };
    }

    public void Dispose() => ComposeRuntime.ResetSeams();

    [Fact]
    public void Nothing_set_on_the_host_is_host()
        => Assert.Equal(ComposeContext.Host, ComposeRuntime.DetectContext());

    [Fact]
    public void Dockerenv_file_means_network()
    {
        _files.Add("/.dockerenv");
        Assert.Equal(ComposeContext.Network, ComposeRuntime.DetectContext());
        Assert.Contains("/.dockerenv", _probedFiles);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData(" true ")]
    [InlineData("1")]
    public void Dotnet_running_in_container_means_network(string value)
    {
        _environment["DOTNET_RUNNING_IN_CONTAINER"] = value;
        Assert.Equal(ComposeContext.Network, ComposeRuntime.DetectContext());
    }

    [Theory]
    [InlineData("false")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("yes please")]
    public void Dotnet_running_in_container_other_values_mean_host(string value)
    {
        _environment["DOTNET_RUNNING_IN_CONTAINER"] = value;
        Assert.Equal(ComposeContext.Host, ComposeRuntime.DetectContext());
    }

    [Theory]
    [InlineData("network", "Network")]
    [InlineData("NETWORK", "Network")]
    [InlineData(" Network ", "Network")]
    [InlineData("host", "Host")]
    [InlineData("HOST", "Host")]
    [InlineData("Host\n", "Host")]
    public void Composegen_context_is_read_case_insensitively(string value, string expected)
    {
        _environment["COMPOSEGEN_CONTEXT"] = value;
        Assert.Equal(Enum.Parse<ComposeContext>(expected), ComposeRuntime.DetectContext());
    }

    [Fact]
    public void Composegen_context_host_wins_over_the_container_signs()
    {
        _files.Add("/.dockerenv");
        _environment["DOTNET_RUNNING_IN_CONTAINER"] = "true";
        _environment["COMPOSEGEN_CONTEXT"] = "host";
        Assert.Equal(ComposeContext.Host, ComposeRuntime.DetectContext());
    }

    [Fact]
    public void Composegen_context_network_wins_on_the_host()
    {
        _environment["COMPOSEGEN_CONTEXT"] = "network";
        Assert.Equal(ComposeContext.Network, ComposeRuntime.DetectContext());
        Assert.Empty(_probedFiles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("container")]
    [InlineData("hots")]
    public void Unknown_composegen_context_falls_back_to_detection(string value)
    {
        _environment["COMPOSEGEN_CONTEXT"] = value;
        Assert.Equal(ComposeContext.Host, ComposeRuntime.DetectContext());
        _files.Add("/.dockerenv");
        Assert.Equal(ComposeContext.Network, ComposeRuntime.DetectContext());
    }

    [Fact]
    public void Reset_seams_reads_the_real_process_environment_again()
    {
        using var scope = new EnvironmentScope();
        var name = scope.NewName();
        scope.Set(name, "from-the-process");
        Assert.Null(ComposeRuntime.EnvironmentVariableReader(name));

        ComposeRuntime.ResetSeams();

        Assert.Equal("from-the-process", ComposeRuntime.EnvironmentVariableReader(name));
        Assert.Equal(File.Exists("/.dockerenv"), ComposeRuntime.FileExistsProbe("/.dockerenv"));
    }

    [Fact]
    public void Setting_a_seam_to_null_restores_the_default()
    {
        using var scope = new EnvironmentScope();
        var name = scope.NewName();
        scope.Set(name, "real");
        ComposeRuntime.EnvironmentVariableReader = null!;
        ComposeRuntime.FileExistsProbe = null!;
        Assert.Equal("real", ComposeRuntime.EnvironmentVariableReader(name));
        Assert.False(ComposeRuntime.FileExistsProbe("/definitely/not/here/" + Guid.NewGuid().ToString("N")));
    }
}
