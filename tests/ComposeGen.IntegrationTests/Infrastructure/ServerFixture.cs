using System.Diagnostics;
using ComposeGen.Runtime;

namespace ComposeGen.IntegrationTests.Infrastructure;

/// <summary>
/// A collection fixture that starts real servers for the compose services of one family before the collection's
/// tests and stops them (and removes their temporary directory) after. When a server program is missing it starts
/// nothing and every test of the collection is skipped with what to install, or fails under <c>CI=true</c>
/// (<see cref="RequireServers"/>). A server that is installed but does not start fails the tests with its output.
/// Each server runs under a watchdog that stops it when the test process goes away (<see cref="ProcessRunner.StartServer"/>).
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    private readonly List<IServer> _servers = new();
    private TempDirectory? _temp;

    /// <summary>What to install, when a server program is missing.</summary>
    internal string? Missing { get; private set; }

    /// <summary>How long starting the servers took.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Skips the calling test when a server program is missing (fails it under <c>CI=true</c>).</summary>
    public void RequireServers() => Prerequisites.Require(Missing, Prerequisites.IsCi);

    private protected abstract string Family { get; }

    private protected abstract string? FindMissing();

    /// <summary>Starts the servers (in parallel where there are several), calling <paramref name="started"/> for each as soon as it runs.</summary>
    private protected abstract Task StartServersAsync(TempDirectory temp, Action<IServer> started);

    public async Task InitializeAsync()
    {
        // The tests run on the host, next to the servers, whatever the environment says.
        Compose.Context = ComposeContext.Host;

        Missing = FindMissing();
        if (Missing is not null)
            return;

        _temp = new TempDirectory("composegen-it-" + Family + "-");
        var clock = Stopwatch.StartNew();
        try
        {
            await StartServersAsync(_temp, server =>
            {
                lock (_servers)
                    _servers.Add(server);
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        StartupTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        IServer[] servers;
        lock (_servers)
        {
            servers = _servers.ToArray();
            _servers.Clear();
        }

        await Task.WhenAll(servers.Select(server => server.StopAsync()));
        _temp?.Dispose();
        _temp = null;
    }
}
