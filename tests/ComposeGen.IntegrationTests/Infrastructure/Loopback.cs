using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ComposeGen.IntegrationTests.Infrastructure;

/// <summary>TCP checks on the loopback addresses the servers listen on.</summary>
internal static class Loopback
{
    /// <summary>Throws when something already listens on <paramref name="address"/>:<paramref name="port"/>.</summary>
    public static void RequireFree(string address, int port, string service)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(address), port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException exception)
        {
            throw new InvalidOperationException(
                $"{address}:{port}, the published port of compose service '{service}', is already in use ({exception.SocketErrorCode}). "
                + $"A server left over from an interrupted run? See `ss -ltnp 'sport = :{port}'`.", exception);
        }
    }

    /// <summary>
    /// Waits until <paramref name="address"/>:<paramref name="port"/> accepts a connection; throws when
    /// <paramref name="server"/> exits first (with its output) or <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task WaitUntilListeningAsync(string address, int port, TimeSpan timeout, ServerProcess server, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            server.ThrowIfExited($"{what}, before listening on {address}:{port},");
            using (var client = new TcpClient())
            {
                try
                {
                    using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await client.ConnectAsync(IPAddress.Parse(address), port, attempt.Token).ConfigureAwait(false);
                    return;
                }
                catch (Exception exception) when (exception is SocketException or OperationCanceledException)
                {
                    // Not yet.
                }
            }

            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{what} did not listen on {address}:{port} within {timeout.TotalSeconds:0} s. Its output:\n{server.Log}");
            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
