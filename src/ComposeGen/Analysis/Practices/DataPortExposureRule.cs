using System.Collections.Generic;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4004: a data service (a database, cache, broker, search engine or object store: the images
/// <see cref="StatefulImages"/> knows, memcached and nats included) publishes a port on every host
/// interface, because the entry has no host IP or 0.0.0.0 / ::. Anyone who can reach the machine can
/// reach the database; binding to 127.0.0.1 keeps it for the developer's own tools. A port with no
/// published number is published too (on an ephemeral host port). Ports under <c>network_mode: host</c>
/// are ignored by docker (CG3007 says so). One finding per <c>ports</c> entry, located on it.
/// </summary>
public sealed class DataPortExposureRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.DataPortOnAllInterfaces };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            if (service.Ports.IsEmpty || service.NetworkMode?.Value == "host")
                continue;
            var data = StatefulImages.Find(service);
            if (data is null)
                continue;
            var seen = new HashSet<SourceSpan>();
            foreach (var port in service.Ports)
            {
                if (!OnAllInterfaces(port.HostIp) || !seen.Add(port.Origin.Value))
                    continue; // ranges are expanded into mappings that share their origin: report the entry once
                var published = port.Published is { } number
                    ? $"port {number}"
                    : $"container port {port.Target} on an ephemeral host port";
                var suggestion = port.Published is { } hostPort
                    ? $"'127.0.0.1:{hostPort}:{port.Target}'"
                    : $"'127.0.0.1::{port.Target}'";
                problems.Add(new ComposeProblem(
                    DiagnosticIds.DataPortOnAllInterfaces,
                    ProblemSeverity.Info,
                    $"service '{service.Name}' ('{data.Image}') publishes {published} on all host interfaces: anyone who can reach this machine can reach the {data.Kind} service; "
                    + $"publish it on the loopback interface only ({suggestion}, or host_ip: 127.0.0.1)",
                    port.Origin.Value));
            }
        }

        return problems;
    }

    private static bool OnAllInterfaces(string? hostIp)
        => hostIp is null || hostIp.Trim() is "" or "0.0.0.0" or "::" or "[::]";
}
