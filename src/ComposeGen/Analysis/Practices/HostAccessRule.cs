using System;
using System.Collections.Generic;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4006: a service that can take over the host. One finding per cause, each on its own node:
/// <list type="bullet">
/// <item>the Docker socket mounted (a bind or npipe whose source is <c>/var/run/docker.sock</c>,
/// <c>/run/docker.sock</c>, <c>//var/run/docker.sock</c>, any other <c>.../docker.sock</c> such as the rootless
/// or Docker Desktop ones, or <c>\\.\pipe\docker_engine</c>; or any source mounted on
/// <c>/var/run/docker.sock</c>): read-only does not help, the API is still all there; located on the mount;</item>
/// <item><c>privileged: true</c>: located on the service's name, because the model keeps no position for the
/// flag;</item>
/// <item><c>network_mode: host</c>: located on the value.</item>
/// </list>
/// </summary>
public sealed class HostAccessRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.DangerousPrivilege };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            var image = service.Image is { Value.Length: > 0 } named ? $" ('{named.Value}')" : "";
            foreach (var volume in service.Volumes)
            {
                if (volume.Type is not (VolumeMountType.Bind or VolumeMountType.NamedPipe) || !IsDockerSocket(volume))
                    continue;
                problems.Add(Warning(
                    $"service '{service.Name}'{image} mounts the Docker socket '{volume.Source ?? volume.Target}': the container can drive the Docker engine and so control the host "
                    + "(a read-only mount does not restrict the API); mount it only into tools you trust, or put a socket proxy that allows only the calls needed in between",
                    volume.Origin.Value));
            }

            if (service.Privileged)
            {
                problems.Add(Warning(
                    $"service '{service.Name}'{image} runs with 'privileged: true': the container gets every capability and all host devices, so a compromise of it is a compromise of the host; "
                    + "grant only the capabilities it needs with cap_add",
                    service.Origin.Key));
            }

            if (service.NetworkMode is { Value: "host" } mode)
            {
                problems.Add(Warning(
                    $"service '{service.Name}'{image} uses 'network_mode: host': it shares the host's network stack, so every port it listens on is open on the host and it can reach services bound to the host's localhost; "
                    + "publish the ports it needs with 'ports' instead",
                    mode.Span));
            }
        }

        return problems;
    }

    private static ComposeProblem Warning(string message, SourceSpan span) => new(DiagnosticIds.DangerousPrivilege, ProblemSeverity.Warning, message, span);

    private static bool IsDockerSocket(ServiceVolume volume)
    {
        var source = volume.Source?.Trim() ?? "";
        var target = volume.Target.Trim().Replace('\\', '/');
        if (IsDockerEnginePipe(source) || IsDockerEnginePipe(volume.Target.Trim()))
            return true;
        var normal = source.Replace('\\', '/');
        return normal.EndsWith("/docker.sock", StringComparison.Ordinal)
            || Mounts.Normalize(target) is "/var/run/docker.sock" or "/run/docker.sock";
    }

    private static bool IsDockerEnginePipe(string path)
        => path.Replace('/', '\\').Equals(@"\\.\pipe\docker_engine", StringComparison.OrdinalIgnoreCase);
}
