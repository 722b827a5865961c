using System.Collections.Generic;
using System.Globalization;
using ComposeGen.Model;

namespace ComposeGen.Parsing.Building;

/// <summary>
/// The short port syntax, as docker's nat.ParsePortSpec reads it:
/// <c>[[HOST_IP:]HOST_PORT[-RANGE]:]CONTAINER_PORT[-RANGE][/PROTOCOL]</c>, IPv6 host IPs in brackets.
/// </summary>
internal static class PortSyntax
{
    /// <summary>A range wider than this is not a port list anyone means to expand.</summary>
    public const int MaxRange = 65536;

    public static bool TryParse(string spec, Origin origin, List<PortMapping> into, out string? error)
    {
        error = null;
        var text = spec.Trim();
        var protocol = "tcp";
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = text.Substring(slash + 1).ToLowerInvariant();
            text = text.Substring(0, slash);
            if (protocol is not ("tcp" or "udp" or "sctp"))
            {
                error = $"'{spec}' has protocol '{protocol}'; expected tcp, udp or sctp";
                return false;
            }
        }

        string? hostIp = null;
        string? published = null;
        string container;
        if (text.StartsWith("[", System.StringComparison.Ordinal))
        {
            var close = text.IndexOf(']');
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"'{spec}' is not a valid port: an IPv6 host address must be written [addr]:host:container";
                return false;
            }

            hostIp = text.Substring(1, close - 1);
            var rest = text.Substring(close + 2);
            var colon = rest.IndexOf(':');
            if (colon < 0)
            {
                error = $"'{spec}' is not a valid port";
                return false;
            }

            published = rest.Substring(0, colon);
            container = rest.Substring(colon + 1);
        }
        else
        {
            var parts = text.Split(':');
            switch (parts.Length)
            {
                case 1:
                    container = parts[0];
                    break;
                case 2:
                    published = parts[0];
                    container = parts[1];
                    break;
                case 3:
                    hostIp = parts[0];
                    published = parts[1];
                    container = parts[2];
                    break;
                default:
                    // A bare IPv6 address without brackets: everything before the last two fields.
                    var last = text.LastIndexOf(':');
                    var middle = text.LastIndexOf(':', last - 1);
                    hostIp = text.Substring(0, middle);
                    published = text.Substring(middle + 1, last - middle - 1);
                    container = text.Substring(last + 1);
                    break;
            }
        }

        if (!TryParseRange(container, out var targetStart, out var targetEnd))
        {
            error = $"'{spec}' is not a valid port: '{container}' is not a port number or range (1-65535)";
            return false;
        }

        if (hostIp is { Length: 0 })
            hostIp = null;
        if (string.IsNullOrEmpty(published))
        {
            for (var port = targetStart; port <= targetEnd; port++)
                into.Add(new PortMapping(port, null, hostIp, protocol, null, null, null, origin));
            return true;
        }

        if (!TryParseRange(published!, out var publishedStart, out var publishedEnd))
        {
            error = $"'{spec}' is not a valid port: '{published}' is not a port number or range (1-65535)";
            return false;
        }

        var targets = targetEnd - targetStart + 1;
        var publishedCount = publishedEnd - publishedStart + 1;
        if (targets == publishedCount)
        {
            for (var i = 0; i < targets; i++)
                into.Add(new PortMapping(targetStart + i, publishedStart + i, hostIp, protocol, null, null, null, origin));
            return true;
        }

        if (targets == 1)
        {
            // "8000-8010:80": docker publishes the container port on the first free port of the range;
            // the first is the one a client can expect.
            into.Add(new PortMapping(targetStart, publishedStart, hostIp, protocol, null, null, null, origin));
            return true;
        }

        error = $"'{spec}' maps {publishedCount} host ports onto {targets} container ports; the ranges must have the same length";
        return false;
    }

    public static bool TryParseRange(string text, out int start, out int end)
    {
        start = end = 0;
        var dash = text.IndexOf('-');
        if (dash < 0)
        {
            if (!TryParsePort(text, out start))
                return false;
            end = start;
            return true;
        }

        return TryParsePort(text.Substring(0, dash), out start)
            && TryParsePort(text.Substring(dash + 1), out end)
            && end >= start
            && end - start < MaxRange;
    }

    public static bool TryParsePort(string text, out int port)
        => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;
}
