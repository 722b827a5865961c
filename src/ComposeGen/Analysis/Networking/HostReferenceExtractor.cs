using System;
using System.Collections.Generic;

namespace ComposeGen.Analysis.Networking;

/// <summary>
/// Finds the hosts a string value refers to: URLs of any scheme (with host lists),
/// <c>user:pass@host:port</c>, <c>key=value</c> connection strings, bare <c>host:port</c> (and lists of
/// them), and the value of a variable named like a host (<c>DB_HOST=db</c>, paired with <c>DB_PORT</c>).
/// It is tuned for precision: file paths, YAML-ish <c>key: value</c>, times, versions, image references,
/// durations, e-mail addresses, drive letters and plain words give nothing. IP literals are returned (so
/// that <c>127.0.0.1</c> can be recognised) with <see cref="HostReference.IsIpLiteral"/> set.
/// </summary>
/// <remarks>
/// Cheap first: a value with neither <c>:</c> nor <c>=</c> (every pattern needs one of them) that is not
/// the value of a host variable is rejected with one <see cref="string.IndexOfAny(char[])"/>. The C#
/// analyzer runs this on every string literal.
/// </remarks>
public static class HostReferenceExtractor
{
    private static readonly char[] Triggers = { ':', '=' };

    private static readonly IReadOnlyList<HostReference> None = Array.Empty<HostReference>();

    /// <summary>The schemes of most URLs a service is configured with (<see cref="Scan.Urls"/> names them without allocating).</summary>
    private static readonly string[] CommonSchemes =
    {
        "http", "https", "postgres", "postgresql", "redis", "rediss", "amqp", "amqps", "mongodb", "mysql", "mariadb", "nats",
        "kafka", "tcp", "grpc", "ws", "wss", "sqlserver", "memcached",
    };

    /// <summary>Suffixes of variable names that hold a host; the sibling port variable replaces the suffix with <c>_PORT</c>.</summary>
    private static readonly string[] HostVariableSuffixes = { "_HOSTNAME", "_HOST_NAME", "_HOST", "_SERVER", "_ADDRESS", "_ADDR" };

    /// <summary>Words in a variable name that mark a bind address or a name of the service itself, not a host it talks to.</summary>
    private static readonly string[] NotAReferenceWords = { "BIND", "LISTEN", "ALLOWED", "TRUSTED", "VIRTUAL", "PUBLIC", "EXTERNAL", "ADVERTISED" };

    /// <summary>Connection-string keys (lower case, single spaces) whose value is a host.</summary>
    private static readonly string[] HostKeys =
    {
        "host", "hostname", "host name", "server", "servers", "data source", "datasource", "address", "addr",
        "network address", "endpoint", "contact points", "contactpoints",
    };

    /// <summary>Single-label words that come before <c>:digits</c> without being hosts (<c>timeout:3000</c>).</summary>
    private static readonly HashSet<string> NotHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "port", "ports", "timeout", "delay", "retries", "retry", "interval", "max", "min", "size", "limit", "version",
        "line", "count", "level", "id", "pid", "uid", "gid", "tcp", "udp", "sctp", "http", "https", "time", "step",
        "width", "height", "weight", "priority", "index", "offset", "page", "ttl", "expose", "publish", "target", "published",
    };

    /// <summary>Values of host variables that are settings, not hosts.</summary>
    private static readonly HashSet<string> NotHostValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "none", "null", "nil", "auto", "any", "all", "default", "disabled", "enabled", "*",
    };

    /// <summary>
    /// True when <paramref name="value"/> can hold a host reference at all: the cheap test to run before
    /// <see cref="Extract"/>.
    /// </summary>
    public static bool MayContainHost(string? value, string? variableName = null)
        => !string.IsNullOrEmpty(value) && (HasPatternTrigger(value!) || (variableName is not null && IsHostVariableName(variableName)));

    /// <summary>
    /// Whether some pattern of <see cref="Scan"/> could start here: a <c>://</c> (URLs), a <c>:</c> before a digit
    /// (<c>host:port</c>, <c>user:pass@host:port</c>), or a <c>=</c> after a letter, spaces aside (<c>Host=db</c>).
    /// Every pattern needs one of them, so <c>"12:30"</c> passes but <c>"saved: {1}"</c>, <c>"HH:mm"</c>,
    /// <c>C:	emp</c> and <c>a == b</c> do not: most ordinary strings with a colon cost one scan and nothing more.
    /// </summary>
    private static bool HasPatternTrigger(string value)
    {
        for (var at = value.IndexOfAny(Triggers); at >= 0; at = value.IndexOfAny(Triggers, at + 1))
        {
            if (value[at] == ':')
            {
                if (at + 1 < value.Length && (IsDigit(value[at + 1]) || (value[at + 1] == '/' && at + 2 < value.Length && value[at + 2] == '/')))
                    return true;
                continue;
            }

            var before = at;
            while (before > 0 && value[before - 1] == ' ')
                before--;
            if (before > 0 && value[before - 1] is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
                return true;
        }

        return false;
    }

    /// <summary>True for <c>DB_HOST</c>, <c>REDIS_HOSTNAME</c>, <c>SMTP_SERVER</c>, <c>API_ADDR</c>; false for bind addresses (<c>BIND_ADDR</c>, <c>LISTEN_ADDRESS</c>).</summary>
    public static bool IsHostVariableName(string name)
        => HostVariablePrefix(name) is not null;

    /// <summary>The name of the variable that would hold the port of host variable <paramref name="name"/>: <c>DB_HOST</c> → <c>DB_PORT</c>.</summary>
    public static string? PortVariableName(string name)
        => HostVariablePrefix(name) is { } prefix ? (prefix == "PG" && name.StartsWith("PGHOST", StringComparison.Ordinal) ? "PGPORT" : prefix + "_PORT") : null;

    private static string? HostVariablePrefix(string name)
    {
        // libpq's own variables: PGHOST (and PGHOSTADDR) with PGPORT.
        if (name is "PGHOST" or "PGHOSTADDR")
            return "PG";
        foreach (var suffix in HostVariableSuffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var word in NotAReferenceWords)
                {
                    if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                        return null;
                }

                return name.Substring(0, name.Length - suffix.Length);
            }
        }

        return null;
    }

    /// <summary>
    /// The host references in <paramref name="value"/>, in order of position.
    /// </summary>
    /// <param name="value">The text to search.</param>
    /// <param name="variableName">The environment variable that holds the value, when it is one: <c>DB_HOST</c> makes a bare <c>db</c> a host.</param>
    /// <param name="variableLookup">The values of the other variables of the same environment, to pair <c>DB_HOST</c> with <c>DB_PORT</c>.</param>
    public static IReadOnlyList<HostReference> Extract(string? value, string? variableName = null, Func<string, string?>? variableLookup = null)
    {
        if (value is null || value.Length == 0)
            return None;
        if (variableName is not null && IsHostVariableName(variableName) && FromHostVariable(value, variableName, variableLookup) is { } fromVariable)
            return fromVariable;
        return HasPatternTrigger(value) ? ScanPatterns(value) : None;
    }

    /// <summary>Every pattern over the value, without the cheap test first (the tests check that test against this).</summary>
    internal static IReadOnlyList<HostReference> ScanPatterns(string value)
    {
        var scan = new Scan(value);
        scan.Urls();
        scan.ConnectionStrings();
        scan.Credentials();
        scan.BareHostPorts();
        return scan.Result();
    }

    /// <summary><c>DB_HOST=db</c>, <c>DB_HOST=db:5432</c>, <c>ES_HOST=es1:9200,es2:9200</c>; null when the value is not a bare host list.</summary>
    private static IReadOnlyList<HostReference>? FromHostVariable(string value, string name, Func<string, string?>? lookup)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && char.IsWhiteSpace(value[start]))
            start++;
        while (end > start && char.IsWhiteSpace(value[end - 1]))
            end--;
        if (start == end || NotHostValues.Contains(value.Substring(start, end - start)))
            return null;

        var result = new List<HostReference>();
        var pieceStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i < end && value[i] != ',')
                continue;
            var piece = HostPort.Parse(value, pieceStart, i, allowBareIpv6: true, requirePort: false);
            if (piece is null)
                return null;
            result.Add(piece.Value.ToReference(HostReferenceKind.HostVariable));
            pieceStart = i + 1;
        }

        if (result.Count == 1 && result[0].Port is null && lookup is not null && PortVariableName(name) is { } portName
            && lookup(portName) is { } portText && ParsePort(portText.Trim()) is { } port)
            result[0] = result[0] with { Port = port, PortVariable = portName };
        return result;
    }

    internal static int? ParsePort(string text) => ParsePort(text, 0, text.Length);

    private static int? ParsePort(string text, int start, int end)
    {
        if (end - start is < 1 or > 5 || (text[start] == '0' && end - start > 1))
            return null;
        var port = 0;
        for (var i = start; i < end; i++)
        {
            if (text[i] < '0' || text[i] > '9')
                return null;
            port = port * 10 + (text[i] - '0');
        }

        return port is >= 1 and <= 65535 ? port : null;
    }

    internal static bool IsHostChar(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>
    /// A DNS-style name: labels of letters, digits, <c>-</c> and <c>_</c>; a version-like name whose last label is a
    /// number (<c>1.2.3</c>, <c>v1.2</c>) or an all-digit single label (<c>12</c>) is not a host. IP literals are checked apart.
    /// </summary>
    internal static bool IsValidHostName(string text, int start, int end)
    {
        if (end - start is < 1 or > 253 || text[start] is '.' or '-' || text[end - 1] is '.' or '-')
            return false;
        var labelStart = start;
        var allDigits = true;
        for (var i = start; i <= end; i++)
        {
            if (i == end || text[i] == '.')
            {
                if (i - labelStart is < 1 or > 63)
                    return false;
                if (i == end && allDigits)
                    return false; // "12", "1.2.3": numbers and versions, not names (IPv4 is checked apart)
                labelStart = i + 1;
                allDigits = true;
                continue;
            }

            var c = text[i];
            if (!IsHostChar(c))
                return false;
            if (!IsDigit(c))
                allDigits = false;
        }

        return true;
    }

    /// <summary>One host with an optional port, as parsed from <c>text[start..end)</c>.</summary>
    private readonly struct HostPort
    {
        private HostPort(string host, int? port, int offset, int length, int portOffset, int portLength)
        {
            Host = host;
            Port = port;
            Offset = offset;
            Length = length;
            PortOffset = portOffset;
            PortLength = portLength;
        }

        public string Host { get; }

        public int? Port { get; }

        public int Offset { get; }

        public int Length { get; }

        public int PortOffset { get; }

        public int PortLength { get; }

        public HostPort WithPort(int port, int portOffset, int portLength) => new(Host, port, Offset, Length, portOffset, portLength);

        public HostReference ToReference(HostReferenceKind kind, string? scheme = null)
            => new(Host, Port, Offset, Length, kind) { Scheme = scheme, PortOffset = PortOffset, PortLength = PortLength };

        /// <summary>
        /// <c>host</c>, <c>host:port</c>, <c>[v6]</c>, <c>[v6]:port</c>, and (with <paramref name="allowBareIpv6"/>)
        /// an unbracketed IPv6 literal; null for anything else.
        /// </summary>
        public static HostPort? Parse(string text, int start, int end, bool allowBareIpv6, bool requirePort)
        {
            if (start >= end)
                return null;
            int hostStart, hostEnd, after;
            if (text[start] == '[')
            {
                var close = text.IndexOf(']', start);
                if (close < 0 || close >= end)
                    return null;
                hostStart = start + 1;
                hostEnd = close;
                if (!HostNames.IsIpv6(text.Substring(hostStart, hostEnd - hostStart)))
                    return null;
                after = close + 1;
            }
            else
            {
                var colon = text.IndexOf(':', start, end - start);
                if (colon >= 0 && allowBareIpv6 && text.IndexOf(':', colon + 1, end - colon - 1) >= 0)
                {
                    var literal = text.Substring(start, end - start);
                    return !requirePort && HostNames.IsIpv6(literal) ? new HostPort(literal, null, start, end - start, -1, 0) : null;
                }

                hostStart = start;
                hostEnd = colon >= 0 ? colon : end;
                if (!IsValidHostName(text, hostStart, hostEnd) && !HostNames.IsIpv4(text.Substring(hostStart, hostEnd - hostStart)))
                    return null;
                after = hostEnd;
            }

            var name = text.Substring(hostStart, hostEnd - hostStart);
            if (after == end)
                return requirePort ? null : new HostPort(name, null, start, end - start, -1, 0);
            if (text[after] != ':')
                return null;
            var port = ParsePort(text, after + 1, end);
            return port is null ? null : new HostPort(name, port, start, end - start, after + 1, end - after - 1);
        }
    }

    /// <summary>
    /// One pass over a value: each pattern claims the characters it used so that later ones do not report them again.
    /// A struct that keeps its first reference and its first claim in fields: it runs on every candidate literal of a
    /// build, most of which hold one host, so the only objects it makes are the references and the array it returns.
    /// </summary>
    private struct Scan
    {
        private readonly string _text;
        private HostReference? _first;
        private List<HostReference>? _more;
        private (int Start, int End) _firstClaim;
        private List<(int Start, int End)>? _moreClaims;

        public Scan(string text)
        {
            _text = text;
            _first = null;
            _more = null;
            _firstClaim = (0, 0);
            _moreClaims = null;
        }

        private readonly int Count => _first is null ? 0 : 1 + (_more?.Count ?? 0);

        private void Add(HostReference reference)
        {
            if (_first is null)
                _first = reference;
            else
                (_more ??= new List<HostReference>(2)).Add(reference);
        }

        /// <summary>Drops what was added after the first <paramref name="count"/> references.</summary>
        private void Truncate(int count)
        {
            if (count == 0)
                _first = null;
            _more?.RemoveRange(Math.Max(count - 1, 0), _more.Count - Math.Max(count - 1, 0));
        }

        private void Claim(int start, int end)
        {
            // (0, 0), the empty range, until the first claim: every claim ends after position 0.
            if (_firstClaim.End == 0)
                _firstClaim = (start, end);
            else
                (_moreClaims ??= new List<(int Start, int End)>(2)).Add((start, end));
        }

        public readonly IReadOnlyList<HostReference> Result()
        {
            if (_first is null)
                return None;
            if (_more is null || _more.Count == 0)
                return new[] { _first };
            var all = new HostReference[1 + _more.Count];
            all[0] = _first;
            _more.CopyTo(all, 1);
            return SortedByOffset(all);
        }

        /// <summary>An insertion sort (a value holds a few references at most; stable, as <c>List.Sort</c> is for so few).</summary>
        private static HostReference[] SortedByOffset(HostReference[] references)
        {
            for (var i = 1; i < references.Length; i++)
            {
                var current = references[i];
                var j = i - 1;
                while (j >= 0 && references[j].Offset > current.Offset)
                {
                    references[j + 1] = references[j];
                    j--;
                }

                references[j + 1] = current;
            }

            return references;
        }

        private readonly bool IsClaimed(int index)
        {
            if (index >= _firstClaim.Start && index < _firstClaim.End)
                return true;
            if (_moreClaims is null)
                return false;
            foreach (var (start, end) in _moreClaims)
            {
                if (index >= start && index < end)
                    return true;
            }

            return false;
        }

        /// <summary><c>scheme://[userinfo@]host[:port][,host[:port]...]</c>.</summary>
        public void Urls()
        {
            var text = _text;
            for (var at = text.IndexOf("://", StringComparison.Ordinal); at > 0; at = text.IndexOf("://", at + 3, StringComparison.Ordinal))
            {
                var schemeStart = at;
                while (schemeStart > 0 && (char.IsLetterOrDigit(text[schemeStart - 1]) || text[schemeStart - 1] is '+' or '-' or '.' or '_') && text[schemeStart - 1] < 128)
                    schemeStart--;
                while (schemeStart < at && !char.IsLetter(text[schemeStart]))
                    schemeStart++;
                if (schemeStart == at)
                    continue;
                var scheme = Scheme(text, schemeStart, at);

                var authorityStart = at + 3;
                var authorityEnd = authorityStart;
                while (authorityEnd < text.Length && !EndsAuthority(text[authorityEnd]))
                    authorityEnd++;
                Claim(schemeStart, authorityEnd);

                var hostsStart = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) is var userInfoEnd and >= 0
                    ? userInfoEnd + 1
                    : authorityStart;
                var pieceStart = hostsStart;
                for (var i = hostsStart; i <= authorityEnd; i++)
                {
                    if (i < authorityEnd && text[i] != ',')
                        continue;
                    if (HostPort.Parse(text, pieceStart, i, allowBareIpv6: false, requirePort: false) is not { } piece)
                        break; // the rest is not a host list (another URL after a comma is found on its own)
                    Add(piece.ToReference(HostReferenceKind.Url, scheme));
                    pieceStart = i + 1;
                }
            }
        }

        /// <summary>The scheme in lower case: one of <see cref="CommonSchemes"/> as it is, without a new string.</summary>
        private static string Scheme(string text, int start, int end)
        {
            foreach (var known in CommonSchemes)
            {
                if (known.Length == end - start && string.Compare(text, start, known, 0, known.Length, StringComparison.OrdinalIgnoreCase) == 0)
                    return known;
            }

            return text.Substring(start, end - start).ToLowerInvariant();
        }

        private static bool EndsAuthority(char c)
            => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '"' or '\'' or ';' or ')' or '(' or '<' or '>' or '`' or '\\' or '|' or '{' or '}' or '&';

        /// <summary><c>Host=db;Port=5432</c>, <c>Server=tcp:db,1433</c>, <c>Data Source=db\SQLEXPRESS</c>, <c>bootstrap.servers=k:9092</c>, <c>--host=db</c>.</summary>
        public void ConnectionStrings()
        {
            var text = _text;
            for (var eq = text.IndexOf('='); eq > 0; eq = text.IndexOf('=', eq + 1))
            {
                if (IsClaimed(eq) || (eq + 1 < text.Length && text[eq + 1] == '=') || text[eq - 1] is '=' or '!' or '<' or '>')
                    continue;
                if (!IsHostKey(text, eq))
                    continue;

                var valueStart = eq + 1;
                while (valueStart < text.Length && text[valueStart] == ' ')
                    valueStart++;
                var quote = valueStart < text.Length && text[valueStart] is '"' or '\'' ? text[valueStart] : '\0';
                if (quote != '\0')
                    valueStart++;
                var valueEnd = valueStart;
                while (valueEnd < text.Length && text[valueEnd] != ';' && text[valueEnd] != quote && text[valueEnd] != '&'
                       && !(quote == '\0' && (char.IsWhiteSpace(text[valueEnd]) || text[valueEnd] is '"' or '\'')))
                    valueEnd++;
                if (valueEnd == valueStart || text.IndexOf("://", valueStart, valueEnd - valueStart, StringComparison.Ordinal) >= 0)
                    continue;

                if (ConnectionStringValue(valueStart, valueEnd, eq))
                    Claim(valueStart, valueEnd);
            }
        }

        /// <summary>The key before <c>=</c> ends with a host key, after a boundary (start, space, <c>;</c>, <c>.</c>, <c>_</c>, <c>-</c>).</summary>
        private static bool IsHostKey(string text, int eq)
        {
            var keyEnd = eq;
            while (keyEnd > 0 && text[keyEnd - 1] == ' ')
                keyEnd--;
            var keyStart = keyEnd;
            while (keyStart > 0 && (char.IsLetter(text[keyStart - 1]) || text[keyStart - 1] == ' ') && text[keyStart - 1] < 128)
                keyStart--;
            if (keyStart == keyEnd)
                return false;

            foreach (var key in HostKeys)
            {
                var start = keyEnd - key.Length;
                if (start < keyStart || string.Compare(text, start, key, 0, key.Length, StringComparison.OrdinalIgnoreCase) != 0)
                    continue;
                if (start == 0 || text[start - 1] is ' ' or ';' or '.' or '_' or '"' or '\'' or '?' or '&' or '\t' or '\n' or '\r' or '(' or ',')
                    return true;

                // After '-' only as a command-line option of its own ("--host=db"), not as the end of a
                // hyphenated option name ("--character-set-server=utf8mb4", "--auth-host=scram-sha-256").
                if (text[start - 1] == '-' && start >= 2 && text[start - 2] == '-' && (start == 2 || text[start - 3] is ' ' or '"' or '\'' or '\t'))
                    return true;
            }

            return false;
        }

        /// <summary>
        /// Adds the hosts of the connection-string value <c>text[start..end)</c> (the field at <paramref name="eq"/>) and
        /// returns true; adds nothing and returns false when some piece of it is not a host.
        /// </summary>
        private bool ConnectionStringValue(int start, int end, int eq)
        {
            var text = _text;
            if (end - start > 4 && string.Compare(text, start, "tcp:", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
                start += 4;

            // SQL Server: "db,1433" (host, comma, port) and "db\INSTANCE".
            var comma = text.IndexOf(',', start, end - start);
            if (comma > start && text.IndexOf(',', comma + 1, end - comma - 1) < 0 && ParsePort(text, comma + 1, end) is { } sqlPort)
            {
                var hostEnd = InstanceCut(start, comma);
                if (HostPort.Parse(text, start, hostEnd, allowBareIpv6: true, requirePort: false) is not { Port: null } host)
                    return false;
                Add(new HostReference(host.Host, sqlPort, start, end - start, HostReferenceKind.ConnectionString)
                {
                    PortOffset = comma + 1,
                    PortLength = end - comma - 1,
                });
                return true;
            }

            var before = Count;
            var pieceStart = start;
            for (var i = start; i <= end; i++)
            {
                if (i < end && text[i] != ',')
                    continue;
                var pieceEnd = InstanceCut(pieceStart, i);
                if (HostPort.Parse(text, pieceStart, pieceEnd, allowBareIpv6: true, requirePort: false) is not { } piece)
                {
                    Truncate(before);
                    return false;
                }

                // One host without a port: the port may be a field of its own ("Host=db;Port=5432").
                if (pieceStart == start && i == end && piece.Port is null && PortField(eq) is { } portField)
                    piece = piece.WithPort(portField.Port, portField.Offset, portField.Length);
                Add(piece.ToReference(HostReferenceKind.ConnectionString));
                pieceStart = i + 1;
            }

            return true;
        }

        private int InstanceCut(int start, int end)
        {
            var backslash = _text.IndexOf('\\', start, end - start);
            return backslash > start ? backslash : end;
        }

        /// <summary>A <c>Port=5432</c> field of the same <c>;</c>-separated connection string as the host field at <paramref name="eq"/>.</summary>
        private (int Port, int Offset, int Length)? PortField(int eq)
        {
            var text = _text;
            var segmentStart = eq;
            while (segmentStart > 0 && !char.IsWhiteSpace(text[segmentStart - 1]) && text[segmentStart - 1] is not ('"' or '\''))
                segmentStart--;
            var segmentEnd = eq;
            while (segmentEnd < text.Length && !(text[segmentEnd] is '"' or '\'' or '\n' or '\r'))
                segmentEnd++;
            if (text.IndexOf(';', segmentStart, segmentEnd - segmentStart) < 0)
                return null;

            for (var at = segmentStart; at < segmentEnd;)
            {
                var fieldStart = at;
                while (fieldStart < segmentEnd && text[fieldStart] == ' ')
                    fieldStart++;
                var fieldEnd = text.IndexOf(';', fieldStart, segmentEnd - fieldStart);
                if (fieldEnd < 0)
                    fieldEnd = segmentEnd;
                var fieldEq = text.IndexOf('=', fieldStart, fieldEnd - fieldStart);
                if (fieldEq > fieldStart && IsKey(text, fieldStart, fieldEq, "port"))
                {
                    var digitsStart = fieldEq + 1;
                    while (digitsStart < fieldEnd && text[digitsStart] == ' ')
                        digitsStart++;
                    var digitsEnd = fieldEnd;
                    while (digitsEnd > digitsStart && text[digitsEnd - 1] == ' ')
                        digitsEnd--;
                    if (ParsePort(text, digitsStart, digitsEnd) is { } port)
                        return (port, digitsStart, digitsEnd - digitsStart);
                }

                at = fieldEnd + 1;
            }

            return null;
        }

        /// <summary>Whether <c>text[start..end)</c>, spaces around it aside, is <paramref name="key"/> in any case.</summary>
        private static bool IsKey(string text, int start, int end, string key)
        {
            while (start < end && char.IsWhiteSpace(text[start]))
                start++;
            while (end > start && char.IsWhiteSpace(text[end - 1]))
                end--;
            return end - start == key.Length && string.Compare(text, start, key, 0, key.Length, StringComparison.OrdinalIgnoreCase) == 0;
        }

        /// <summary><c>user:pass@host:port</c> without a scheme (a port is required: <c>a@b.com</c> is an e-mail address).</summary>
        public void Credentials()
        {
            var text = _text;
            for (var at = text.IndexOf('@'); at > 0; at = text.IndexOf('@', at + 1))
            {
                if (IsClaimed(at))
                    continue;
                var userStart = at;
                while (userStart > 0 && !IsLeftDelimiter(text[userStart - 1]) && text[userStart - 1] != '/')
                    userStart--;
                if (userStart == at)
                    continue;

                var hostStart = at + 1;
                var end = hostStart;
                if (end < text.Length && text[end] == '[')
                {
                    var close = text.IndexOf(']', end);
                    if (close < 0)
                        continue;
                    end = close + 1;
                }

                while (end < text.Length && IsHostChar(text[end]))
                    end++;
                if (end >= text.Length || text[end] != ':')
                    continue;
                end++;
                while (end < text.Length && IsDigit(text[end]))
                    end++;
                if (end < text.Length && !IsRightDelimiter(text[end]))
                    continue;
                if (HostPort.Parse(text, hostStart, end, allowBareIpv6: false, requirePort: true) is not { } piece)
                    continue;
                Claim(userStart, end);
                Add(piece.ToReference(HostReferenceKind.Credentials));
            }
        }

        /// <summary>
        /// <c>host:port</c> standing alone (after a space, quote, <c>=</c>, <c>,</c>, <c>(</c>...) and ending at a
        /// delimiter, so <c>12:30</c>, <c>1:30:00</c>, <c>nginx:1.25</c>, <c>python:3</c>, <c>/a:/b</c> and
        /// <c>C:\x</c> are not hosts. A port below 80 after a name (other than 22, 25, 53) is read as an image tag.
        /// </summary>
        public void BareHostPorts()
        {
            var text = _text;
            for (var colon = text.IndexOf(':'); colon >= 0; colon = text.IndexOf(':', colon + 1))
            {
                if (colon == 0 || IsClaimed(colon))
                    continue;
                var portEnd = colon + 1;
                while (portEnd < text.Length && IsDigit(text[portEnd]))
                    portEnd++;
                if (portEnd == colon + 1 || (portEnd < text.Length && !IsRightDelimiter(text[portEnd])))
                    continue;

                int start;
                if (text[colon - 1] == ']')
                {
                    start = text.LastIndexOf('[', colon - 1);
                    if (start < 0)
                        continue;
                }
                else
                {
                    start = colon;
                    while (start > 0 && IsHostChar(text[start - 1]))
                        start--;
                    if (start == colon)
                        continue;
                }

                if (start > 0 && !IsLeftDelimiter(text[start - 1]))
                    continue;
                if (HostPort.Parse(text, start, portEnd, allowBareIpv6: false, requirePort: true) is not { } piece)
                    continue;
                if (!HostNames.IsIpLiteral(piece.Host))
                {
                    if (NotHosts.Contains(piece.Host) || piece.Port is not (>= 80 or 22 or 25 or 53))
                        continue;
                }

                if (portEnd < text.Length && text[portEnd] == '/' && LooksLikeImagePath(portEnd))
                    continue; // "registry:5000/team/app:1.2" is an image reference

                Claim(start, portEnd);
                Add(piece.ToReference(HostReferenceKind.HostPort));
            }
        }

        /// <summary>After <c>host:port</c>, a path that ends in <c>:tag</c> or <c>@sha256:</c> before the next delimiter.</summary>
        private bool LooksLikeImagePath(int slash)
        {
            for (var i = slash + 1; i < _text.Length; i++)
            {
                var c = _text[i];
                if (c is ':' or '@')
                    return true;
                if (char.IsWhiteSpace(c) || c is '"' or '\'' or ',' or ';' or '?' or '#' or '=' or '&')
                    return false;
            }

            return false;
        }

        private static bool IsLeftDelimiter(char c)
            => char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or '=' or ',' or ';' or '(' or '[' or '{' or '<' or '>' or '|';

        private static bool IsRightDelimiter(char c)
            => char.IsWhiteSpace(c) || c is '"' or '\'' or '`' or ',' or ';' or ')' or ']' or '}' or '>' or '<' or '|' or '&' or '/' or '?' or '#';
    }
}
