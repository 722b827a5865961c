using System.Net;
using ComposeGen.Runtime;

namespace ComposeGen.IntegrationTests.Infrastructure;

/// <summary>
/// What the fixtures read from the generated compose API, so that the servers get exactly what the compose file
/// says (and the connection strings cannot drift from the servers).
/// </summary>
internal static class ComposeValues
{
    /// <summary>The loopback address and port a published port is published on (what the fixture listens on).</summary>
    public static (string Address, int Port) Published(ComposePort port)
    {
        if (port.PublishedPort is not { } published)
            throw new InvalidOperationException($"Port {port} of compose service '{port.Service}' is not published; the integration tests need a published loopback port.");
        var address = port.HostIp ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var ip) || !IPAddress.IsLoopback(ip))
            throw new InvalidOperationException($"Port {port} of compose service '{port.Service}' is published on {address}; the integration tests listen on loopback only (write 127.0.0.1:{published}:{port.ContainerPort}).");
        return (address, published);
    }

    /// <summary>
    /// A <c>*_FILE</c> secret as the official images read it (<c>file_env</c>: <c>$(&lt; file)</c> in bash, which
    /// drops every trailing line feed), from the host path of the top-level secret's <c>file:</c>.
    /// </summary>
    public static string ReadSecret(string? hostPath)
    {
        if (hostPath is null)
            throw new InvalidOperationException("The compose secret has no file: to read.");
        return File.ReadAllText(hostPath).TrimEnd('\n');
    }
}
