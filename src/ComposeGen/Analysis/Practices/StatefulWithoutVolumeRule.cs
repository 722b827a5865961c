using System.Collections.Generic;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4001: a stateful image (database, broker, search engine, object store) whose data directory is on
/// no named volume or bind mount, so its data goes when the container is removed. A mount on the data
/// directory or on one of its parents counts; the deepest mount holding the directory decides (a tmpfs
/// on /var/lib/postgresql/data under a volume on /var/lib/postgresql still loses the data). An anonymous
/// volume is no better than the image's own VOLUME: the next container gets a new, empty one.
/// Services that take <c>volumes_from</c> another container are left alone: we cannot see those mounts.
/// Located on the image.
/// </summary>
public sealed class StatefulWithoutVolumeRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.StatefulWithoutVolume };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            if (service.Image is not { } image || !service.VolumesFrom.IsEmpty)
                continue;
            var data = StatefulImages.Find(service);
            if (data is null || !data.IsStateful)
                continue;
            var mounts = Mounts.Of(service);
            foreach (var directory in data.DataDirectories)
            {
                if (directory.Candidates.Any(path => Mounts.Holding(mounts, path) is { Persists: true }))
                    continue;
                var holding = Mounts.Holding(mounts, directory.Path);
                problems.Add(new ComposeProblem(
                    DiagnosticIds.StatefulWithoutVolume,
                    ProblemSeverity.Warning,
                    Message(service, data, directory, holding, mounts),
                    image.Span));
                break; // one finding per service: the first directory that is not kept
            }
        }

        return problems;
    }

    private static string Message(Service service, DataService data, DataDirectory directory, Mount? holding, IReadOnlyList<Mount> mounts)
    {
        var where = directory.Source == "the image's data directory"
            ? $"its data directory {directory.Path}"
            : $"its data directory {directory.Path} ({directory.Source})";
        var head = $"service '{service.Name}' runs stateful image '{data.Image}'";
        var fix = $"mount a named volume there (e.g. '{service.Name}-data:{directory.SuggestedTarget}')";
        var hint = data.Hint is not null && data.HintWhenMountedAt is { } misplaced && mounts.Any(m => m.Persists && Mounts.Covers(misplaced, m.Target))
            ? $"; {data.Hint}"
            : "";
        return holding?.Kind switch
        {
            MountKind.Tmpfs => $"{head} with {where} on tmpfs: the data lives in memory and is lost whenever the container stops; {fix} unless a throwaway database is what you want",
            MountKind.AnonymousVolume => $"{head} with {where} on an anonymous volume: the next container gets a new, empty one, so the data is lost when the container is removed; {fix}{hint}",
            _ => $"{head} without a volume on {where}: the data is lost when the container is removed; {fix}{hint}",
        };
    }
}
