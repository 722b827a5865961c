using System;
using System.Collections.Generic;
using ComposeGen.Model;

namespace ComposeGen.Analysis.Practices;

/// <summary>What ends up at a path inside the container.</summary>
internal enum MountKind
{
    /// <summary>Nothing mounted: the container's writable layer (or the image's own anonymous VOLUME).</summary>
    None,

    /// <summary>A named volume: survives <c>docker compose down</c>.</summary>
    NamedVolume,

    /// <summary>A host directory.</summary>
    Bind,

    /// <summary>A volume with no name: a new one for every new container.</summary>
    AnonymousVolume,

    /// <summary>Memory: gone when the container stops.</summary>
    Tmpfs,

    /// <summary>npipe, image or cluster mounts: not ours to judge.</summary>
    Other,
}

/// <summary>One mount of a service, from <c>volumes</c> or <c>tmpfs</c>, with its target normalised.</summary>
internal sealed record Mount(MountKind Kind, string Target, ServiceVolume? Volume, SourceSpan Span)
{
    public bool Persists => Kind is MountKind.NamedVolume or MountKind.Bind or MountKind.Other;
}

internal static class Mounts
{
    public static List<Mount> Of(Service service)
    {
        var mounts = new List<Mount>();
        foreach (var volume in service.Volumes)
        {
            var kind = volume.Type switch
            {
                VolumeMountType.Volume => volume.Source is null ? MountKind.AnonymousVolume : MountKind.NamedVolume,
                VolumeMountType.Bind => MountKind.Bind,
                VolumeMountType.Tmpfs => MountKind.Tmpfs,
                _ => MountKind.Other,
            };
            if (Normalize(volume.Target) is { } target)
                mounts.Add(new Mount(kind, target, volume, volume.Origin.Value));
        }

        foreach (var tmpfs in service.Tmpfs)
        {
            // tmpfs: ["/run", "/cache:size=64m"]
            var text = tmpfs.Value;
            var colon = text.IndexOf(':');
            if (Normalize(colon < 0 ? text : text.Substring(0, colon)) is { } target)
                mounts.Add(new Mount(MountKind.Tmpfs, target, null, tmpfs.Span));
        }

        return mounts;
    }

    /// <summary>
    /// The mount that holds <paramref name="path"/>: the one with the deepest target equal to the path
    /// or a parent of it (docker mounts deeper targets over shallower ones). Null when none does.
    /// </summary>
    public static Mount? Holding(IReadOnlyList<Mount> mounts, string path)
    {
        Mount? best = null;
        foreach (var mount in mounts)
        {
            if (Covers(mount.Target, path) && (best is null || mount.Target.Length > best.Target.Length))
                best = mount;
        }

        return best;
    }

    /// <summary>True when <paramref name="target"/> is <paramref name="path"/> or one of its parents.</summary>
    public static bool Covers(string target, string path)
        => target == "/" || path == target || path.StartsWith(target + "/", StringComparison.Ordinal);

    /// <summary>An absolute container path without trailing or doubled slashes; null for anything else.</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return null;
        var text = path!.Trim().Replace('\\', '/');
        if (!text.StartsWith("/", StringComparison.Ordinal))
            return null;
        var segments = new List<string>();
        foreach (var segment in text.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return "/" + string.Join("/", segments);
    }

    /// <summary>How a mount reads in a message: <c>'db-data:/var/lib/postgresql/data'</c>.</summary>
    public static string Describe(Mount mount)
        => mount.Volume is { Source: { } source } ? $"'{source}:{mount.Volume.Target}'" : $"'{mount.Target}'";
}
