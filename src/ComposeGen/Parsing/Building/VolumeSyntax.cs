using ComposeGen.Model;

namespace ComposeGen.Parsing.Building;

/// <summary>
/// The short volume syntax <c>[SOURCE:]TARGET[:MODE]</c>, as compose-go's format.ParseVolume reads it:
/// a source that is a path (<c>/</c>, <c>.</c>, <c>~</c>, a Windows drive) is a bind mount, any other
/// source a named volume, no source an anonymous volume.
/// </summary>
internal static class VolumeSyntax
{
    public static ServiceVolume? Parse(string spec, Origin origin, out string? error)
    {
        error = null;
        var parts = Split(spec);
        string? source = null;
        string target;
        string? mode = null;
        switch (parts.Count)
        {
            case 1:
                target = parts[0];
                break;
            case 2:
                source = parts[0];
                target = parts[1];
                break;
            case 3:
                source = parts[0];
                target = parts[1];
                mode = parts[2];
                break;
            default:
                error = $"'{spec}' is not a valid volume: expected [SOURCE:]TARGET[:MODE]";
                return null;
        }

        if (target.Length == 0)
        {
            error = $"'{spec}' is not a valid volume: the target path is empty";
            return null;
        }

        if (source is { Length: 0 })
        {
            error = $"'{spec}' is not a valid volume: the source is empty";
            return null;
        }

        var readOnly = false;
        if (mode is not null)
        {
            foreach (var option in mode.Split(','))
            {
                if (!IsModeOption(option))
                {
                    error = $"'{spec}' has an unknown volume mode '{option}' (ro, rw, z, Z, nocopy, consistent, cached, delegated, ...)";
                    return null;
                }

                readOnly |= option == "ro";
            }
        }

        var type = source is null ? VolumeMountType.Volume : LooksLikePath(source) ? VolumeMountType.Bind : VolumeMountType.Volume;
        return new ServiceVolume(type, source, target, readOnly, mode, origin);
    }

    public static bool LooksLikePath(string source)
        => source.StartsWith("/", System.StringComparison.Ordinal)
        || source.StartsWith(".", System.StringComparison.Ordinal)
        || source.StartsWith("~", System.StringComparison.Ordinal)
        || source.StartsWith("\\", System.StringComparison.Ordinal)
        || source.StartsWith("$", System.StringComparison.Ordinal)
        || IsWindowsDrive(source, 0);

    private static bool IsWindowsDrive(string text, int at)
        => text.Length >= at + 3 && char.IsLetter(text[at]) && text[at + 1] == ':' && text[at + 2] is '\\' or '/';

    private static bool IsModeOption(string option)
        => option is "ro" or "rw" or "z" or "Z" or "nocopy" or "consistent" or "cached" or "delegated"
            or "shared" or "rshared" or "slave" or "rslave" or "private" or "rprivate";

    /// <summary>Splits on ':' but keeps Windows drive letters (<c>C:\x</c>) inside their part.</summary>
    private static System.Collections.Generic.List<string> Split(string spec)
    {
        var parts = new System.Collections.Generic.List<string>();
        var start = 0;
        for (var i = 0; i < spec.Length; i++)
        {
            if (spec[i] != ':')
                continue;
            if (i == start + 1 && IsWindowsDrive(spec, start))
                continue;
            parts.Add(spec.Substring(start, i - start));
            start = i + 1;
        }

        parts.Add(spec.Substring(start));
        return parts;
    }
}
