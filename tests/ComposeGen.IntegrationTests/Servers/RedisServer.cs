using ComposeGen.IntegrationTests.Infrastructure;

namespace ComposeGen.IntegrationTests.Servers;

/// <summary>
/// Debian's Redis (<c>apt-get install -y redis-server</c>) as the redis image runs it: <c>redis-server</c> in the
/// foreground with the compose command's <c>--requirepass</c> (one argument, as docker passes an exec-form command),
/// on the published loopback address and port, with no persistence, in its own temporary directory.
/// </summary>
internal sealed class RedisServer : IServer
{
    private readonly ServerProcess _process;

    private RedisServer(string service, ServerProcess process)
    {
        Service = service;
        _process = process;
    }

    public string Service { get; }

    /// <summary>What to install, or null when redis-server is there.</summary>
    public static string? Missing()
        => Prerequisites.Find("redis-server") is null ? Prerequisites.MissingMessage("Redis", "redis-server", "redis-server") : null;

    public static async Task<RedisServer> StartAsync(TempDirectory temp, string service, (string Address, int Port) endpoint, string? requirePass, Action<IServer> started)
    {
        var program = Prerequisites.Find("redis-server") ?? throw new InvalidOperationException(Missing());
        Loopback.RequireFree(endpoint.Address, endpoint.Port, service);
        var directory = temp.Combine(service);
        Directory.CreateDirectory(directory);

        var arguments = new List<string>
        {
            "--bind", endpoint.Address,
            "--port", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dir", directory,
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
        };
        if (!string.IsNullOrEmpty(requirePass))
            arguments.AddRange(new[] { "--requirepass", requirePass });

        var process = ProcessRunner.StartServer(program, arguments, null, directory, null);
        var server = new RedisServer(service, process);
        started(server);
        await Loopback.WaitUntilListeningAsync(endpoint.Address, endpoint.Port, TimeSpan.FromSeconds(30), process, $"redis-server for '{service}'");
        return server;
    }

    /// <summary>SIGTERM: Redis shuts down (nothing to save).</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));
}
