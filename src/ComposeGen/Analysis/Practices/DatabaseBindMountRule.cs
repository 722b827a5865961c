using System.Collections.Generic;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4002: a database keeps its data directory in a host directory (bind mount). It works, but the
/// database's own user must own the files (permission errors, root-owned files left on the host) and
/// bind mounts are slow on Docker Desktop for macOS and Windows; a named volume has neither problem.
/// Only the mount that actually holds the data directory counts (init scripts and config files bound
/// elsewhere are fine). Located on the bind mount.
/// </summary>
public sealed class DatabaseBindMountRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.DatabaseBindMount };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            var data = StatefulImages.Find(service);
            if (data is null || !data.IsDatabase || !data.IsStateful)
                continue;
            var mounts = Mounts.Of(service);
            var reported = new HashSet<Mount>();
            foreach (var directory in data.DataDirectories)
            {
                if (Mounts.Holding(mounts, directory.Path) is not { Kind: MountKind.Bind, Volume: { } volume } bind || !reported.Add(bind))
                    continue;
                var on = bind.Target == directory.Path ? $"the data directory {directory.Path}" : $"{bind.Target}, which holds the data directory {directory.Path},";
                problems.Add(new ComposeProblem(
                    DiagnosticIds.DatabaseBindMount,
                    ProblemSeverity.Info,
                    $"service '{service.Name}' bind-mounts host path '{volume.Source}' on {on} of '{data.Image}': prefer a named volume "
                    + $"(e.g. '{service.Name}-data:{bind.Target}'); with a bind mount the database's user must own the host files, and I/O is slow on Docker Desktop for macOS and Windows",
                    bind.Span));
            }
        }

        return problems;
    }
}
