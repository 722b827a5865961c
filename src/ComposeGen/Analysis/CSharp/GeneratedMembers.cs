using System;
using ComposeGen.Analysis.Networking;
using ComposeGen.Emit;
using ComposeGen.Model;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// CG5003: which generated member, if any, provides what a literal spells out. Asked for most host references a
/// project writes, so it allocates nothing until it has found a member.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>
    /// The generated member that provides what the whole literal spells out: the service's connection string
    /// (<c>Host=orders-db;Port=5432;...</c>, <c>redis://cache:6379</c>, <c>cache:6379</c> for a service with a
    /// recipe), else an endpoint's <c>host:port</c>; null when the literal is more or other than that.
    /// </summary>
    public static string? For(CodeHostModel model, Service target, HostReference reference, string value)
    {
        if (model.Api(target) is not { } api)
            return null;
        var trimmed = value.Trim();
        var port = reference.EffectivePort;
        if (port is { } wanted && !Listens(api, wanted))
            return null;

        var wholeHostPort = reference.Kind == HostReferenceKind.HostPort && reference.Port is not null
                            && trimmed.Length == reference.Length
                            && string.CompareOrdinal(trimmed, 0, value, reference.Offset, reference.Length) == 0;
        if (api.HasConnection)
        {
            var spellsOut = reference.Kind switch
            {
                HostReferenceKind.ConnectionString => IsKeyValueList(trimmed),
                HostReferenceKind.Url => reference.Scheme is { } scheme && StartsWithScheme(trimmed, scheme) && trimmed.IndexOf(' ') < 0,
                HostReferenceKind.Credentials => trimmed.IndexOf(' ') < 0,
                HostReferenceKind.HostPort => wholeHostPort,
                _ => false,
            };
            if (spellsOut)
                return "Compose.Services." + api.Identifier + ".ConnectionString";
        }

        if (wholeHostPort && port is { } p)
        {
            foreach (var endpoint in api.Endpoints)
            {
                if (endpoint.PortIndex < api.Ports.Count && api.Ports[endpoint.PortIndex].Container == p)
                    return "Compose.Services." + api.Identifier + ".Endpoints." + endpoint.Identifier + ".HostAndPort";
            }
        }

        return null;
    }

    private static bool Listens(ApiMembers api, int port)
    {
        foreach (var candidate in api.Ports)
        {
            if (candidate.Container == port)
                return true;
        }

        return false;
    }

    /// <summary><c>scheme://</c> at the start of <paramref name="text"/>, the scheme in any case.</summary>
    private static bool StartsWithScheme(string text, string scheme)
        => text.Length >= scheme.Length + 3
           && string.Compare(text, 0, scheme, 0, scheme.Length, StringComparison.OrdinalIgnoreCase) == 0
           && string.CompareOrdinal(text, scheme.Length, "://", 0, 3) == 0;

    /// <summary><c>Key=value;Other Key=value</c> and nothing else: no free text, no spaces inside values.</summary>
    internal static bool IsKeyValueList(string text)
    {
        var fields = 0;
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf(';', start);
            if (end < 0)
                end = text.Length;
            if (!IsBlank(text, start, end))
            {
                var eq = text.IndexOf('=', start, end - start);
                if (eq <= start)
                    return false;
                var (keyStart, keyEnd) = Trimmed(text, start, eq);
                var (valueStart, valueEnd) = Trimmed(text, eq + 1, end);
                if (keyStart == keyEnd)
                    return false;
                for (var i = keyStart; i < keyEnd; i++)
                {
                    if (!(char.IsLetterOrDigit(text[i]) || text[i] is ' ' or '_' or '.' or '-'))
                        return false;
                }

                for (var i = valueStart; i < valueEnd; i++)
                {
                    if (char.IsWhiteSpace(text[i]))
                        return false;
                }

                fields++;
            }

            start = end + 1;
        }

        return fields > 0;
    }

    private static bool IsBlank(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
                return false;
        }

        return true;
    }

    /// <summary><c>text[start..end)</c> without white space at either end, as <see cref="string.Trim()"/> would cut it.</summary>
    private static (int Start, int End) Trimmed(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
            start++;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return (start, end);
    }
}
