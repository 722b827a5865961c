using System;

namespace ComposeGen.Analysis.Networking;

/// <summary>How a host was written inside a value.</summary>
public enum HostReferenceKind
{
    /// <summary><c>scheme://[user[:pass]@]host[:port][,host[:port]...]</c>, e.g. <c>postgres://u:p@db:5432/x</c>.</summary>
    Url,

    /// <summary><c>user:pass@host:port</c> without a scheme.</summary>
    Credentials,

    /// <summary>A <c>key=value</c> connection-string field: <c>Host=db</c>, <c>Server=tcp:db,1433</c>, <c>Data Source=db</c>.</summary>
    ConnectionString,

    /// <summary>A bare <c>host:port</c>, alone or in a comma-separated list.</summary>
    HostPort,

    /// <summary>The whole value of a variable whose name says it holds a host: <c>DB_HOST=orders-db</c>.</summary>
    HostVariable,
}

/// <summary>
/// A host (and port, when one is written or can be paired) found inside a string value.
/// <see cref="Offset"/> and <see cref="Length"/> cover the host and, when it is written right after it,
/// <c>:port</c> (or SQL Server's <c>,port</c>), as characters of the value (not of the file).
/// </summary>
/// <param name="Host">The host as written (IPv6 literals without their brackets).</param>
/// <param name="Port">The port written with the host, in a sibling <c>Port=</c> field or a sibling <c>*_PORT</c> variable; null when none is given.</param>
public sealed record HostReference(string Host, int? Port, int Offset, int Length, HostReferenceKind Kind)
{
    /// <summary>The URL scheme in lower case (<c>postgres</c>, <c>http</c>), for <see cref="HostReferenceKind.Url"/>.</summary>
    public string? Scheme { get; init; }

    /// <summary>Where the port's digits are in the value, or -1 when the port is not written in the value.</summary>
    public int PortOffset { get; init; } = -1;

    /// <summary>How many characters the port's digits take in the value (0 when <see cref="PortOffset"/> is -1).</summary>
    public int PortLength { get; init; }

    /// <summary>The sibling variable the port came from (<c>DB_PORT</c> for <c>DB_HOST</c>), when it came from one.</summary>
    public string? PortVariable { get; init; }

    /// <summary>An IPv4 or IPv6 literal: never a service name.</summary>
    public bool IsIpLiteral => HostNames.IsIpLiteral(Host);

    /// <summary><c>localhost</c>, <c>127.0.0.0/8</c> or <c>::1</c>: the container itself.</summary>
    public bool IsLoopback => HostNames.IsLoopback(Host);

    /// <summary>A name without dots, so a name compose might resolve (not an IP literal).</summary>
    public bool IsSingleLabel => Host.IndexOf('.') < 0 && !IsIpLiteral;

    /// <summary>The port given explicitly, or else the default port of the URL scheme (<c>http</c> → 80).</summary>
    public int? EffectivePort => Port ?? (Scheme is null ? null : HostNames.DefaultPortOfScheme(Scheme));

    /// <summary><c>host:port</c> as a reader would write it (IPv6 in brackets).</summary>
    public string Display
    {
        get
        {
            var host = Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;
            return Port is { } port ? host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) : host;
        }
    }

    public override string ToString() => $"{Kind} {Display} @{Offset}+{Length}";
}

/// <summary>Facts about host names that do not depend on a project.</summary>
public static class HostNames
{
    /// <summary>Names that resolve in every container without compose's help.</summary>
    public static bool IsWellKnown(string host)
        => host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
           || host.Equals("host.docker.internal", StringComparison.OrdinalIgnoreCase)
           || host.Equals("gateway.docker.internal", StringComparison.OrdinalIgnoreCase);

    public static bool IsLoopback(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.Equals("ip6-localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        if (IsIpv4(host))
            return host.StartsWith("127.", StringComparison.Ordinal);
        return IsIpv6(host) && System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address);
    }

    public static bool IsIpLiteral(string host) => IsIpv4(host) || IsIpv6(host);

    /// <summary>A dotted quad of decimal numbers 0–255 (the only IPv4 form a compose user writes).</summary>
    public static bool IsIpv4(string text)
    {
        var parts = 0;
        var digits = 0;
        var value = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digits == 0)
                    return false;
                parts++;
                digits = 0;
                value = 0;
                continue;
            }

            if (c < '0' || c > '9' || ++digits > 3)
                return false;
            value = value * 10 + (c - '0');
            if (value > 255)
                return false;
        }

        return digits > 0 && parts == 3;
    }

    public static bool IsIpv6(string text)
    {
        if (text.Length < 2 || text.Length > 45 || text.IndexOf(':') < 0)
            return false;
        var colons = 0;
        foreach (var c in text)
        {
            if (c == ':')
                colons++;
            else if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F') or '.'))
                return false;
        }

        return colons >= 2 && System.Net.IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    /// <summary>The port a client of this URL scheme uses when none is written; null when there is no single default.</summary>
    public static int? DefaultPortOfScheme(string scheme) => scheme.ToLowerInvariant() switch
    {
        "http" or "ws" => 80,
        "https" or "wss" => 443,
        "postgres" or "postgresql" => 5432,
        "mysql" or "mariadb" or "mysqlx" => 3306,
        "sqlserver" or "mssql" => 1433,
        "redis" => 6379,
        "mongodb" => 27017,
        "amqp" => 5672,
        "amqps" => 5671,
        "nats" => 4222,
        "mqtt" => 1883,
        "memcached" => 11211,
        "ftp" => 21,
        "ssh" or "sftp" => 22,
        "smtp" => 25,
        "ldap" => 389,
        "ldaps" => 636,
        _ => null,
    };
}
