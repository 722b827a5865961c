using System.Collections.Generic;

namespace ComposeGen.Parsing.Loading;

/// <summary>
/// Path arithmetic on strings only: the analyzers may not touch the file system, and paths must
/// compare equal whichever way a compose file spelled them ("./a/../b.yml" = "b.yml").
/// </summary>
public static class ComposePath
{
    public static string Directory(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        return slash switch
        {
            < 0 => "",
            0 => "/",
            _ => normalized.Substring(0, slash),
        };
    }

    public static string FileName(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Substring(normalized.LastIndexOf('/') + 1);
    }

    public static bool IsAbsolute(string path)
        => path.StartsWith("/", System.StringComparison.Ordinal)
        || path.StartsWith("\\", System.StringComparison.Ordinal)
        || (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\');

    public static string Combine(string directory, string relative)
    {
        if (IsAbsolute(relative) || directory.Length == 0)
            return Normalize(relative);
        return Normalize(directory.TrimEnd('/', '\\') + "/" + relative);
    }

    /// <summary>Forward slashes, no "." or ".." segments (where they can be removed), no doubled separators.</summary>
    public static string Normalize(string path)
    {
        if (IsNormalized(path))
            return path;
        var text = path.Replace('\\', '/');
        var rooted = text.StartsWith("/", System.StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in text.Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            if (part == ".." && rooted)
                continue;
            parts.Add(part);
        }

        var joined = string.Join("/", parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>
    /// True when <see cref="Normalize"/> would return the path unchanged, as nearly every path does: no backslash,
    /// and, after an optional leading <c>/</c>, only non-empty segments that are neither <c>.</c> nor <c>..</c>.
    /// </summary>
    private static bool IsNormalized(string path)
    {
        var start = path.Length > 0 && path[0] == '/' ? 1 : 0;
        if (start == path.Length)
            return false;
        var segment = start;
        for (var i = start; i <= path.Length; i++)
        {
            if (i < path.Length)
            {
                var c = path[i];
                if (c == '\\')
                    return false;
                if (c != '/')
                    continue;
            }

            var length = i - segment;
            if (length == 0 || path[segment] == '.' && (length == 1 || length == 2 && path[segment + 1] == '.'))
                return false;
            segment = i + 1;
        }

        return true;
    }
}
