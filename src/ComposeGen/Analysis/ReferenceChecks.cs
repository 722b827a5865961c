using System.Collections.Generic;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis;

/// <summary>
/// The consistency checks docker compose itself runs before it accepts a project: every name a
/// service uses is defined (CG2001–CG2004), <c>depends_on</c> has no cycle (CG2005), and
/// <c>network_mode</c> is not combined with <c>networks</c> (CG2009). Each problem is located on the
/// reference that is wrong, in the file where it is written.
/// </summary>
public static class ReferenceChecks
{
    public static IReadOnlyList<ComposeProblem> Run(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        var services = new HashSet<string>(project.Services.Select(s => s.Name));
        var networks = new HashSet<string>(project.Networks.Select(n => n.Name)) { "default" };
        var volumes = new HashSet<string>(project.Volumes.Select(v => v.Name));
        var secrets = new HashSet<string>(project.Secrets.Select(s => s.Name));
        var configs = new HashSet<string>(project.Configs.Select(c => c.Name));

        void Error(string id, string message, SourceSpan at) => problems.Add(new ComposeProblem(id, ProblemSeverity.Error, message, at));

        foreach (var service in project.Services)
        {
            foreach (var network in service.Networks)
            {
                if (!networks.Contains(network.Name))
                    Error(DiagnosticIds.UndefinedNetwork, $"service '{service.Name}' uses network '{network.Name}', which is not declared under the top-level 'networks'{Suggest(network.Name, networks)}", network.Origin.Key);
            }

            foreach (var volume in service.Volumes)
            {
                if (volume.Type == VolumeMountType.Volume && volume.Source is { } source && !volumes.Contains(source))
                    Error(DiagnosticIds.UndefinedVolume, $"service '{service.Name}' mounts volume '{source}', which is not declared under the top-level 'volumes'{Suggest(source, volumes)}", volume.Origin.Value);
            }

            foreach (var secret in service.Secrets)
            {
                if (!secrets.Contains(secret.Source))
                    Error(DiagnosticIds.UndefinedSecretOrConfig, $"service '{service.Name}' uses secret '{secret.Source}', which is not declared under the top-level 'secrets'{Suggest(secret.Source, secrets)}", secret.Origin.Value);
            }

            foreach (var config in service.Configs)
            {
                if (!configs.Contains(config.Source))
                    Error(DiagnosticIds.UndefinedSecretOrConfig, $"service '{service.Name}' uses config '{config.Source}', which is not declared under the top-level 'configs'{Suggest(config.Source, configs)}", config.Origin.Value);
            }

            foreach (var dependency in service.DependsOn)
            {
                if (!services.Contains(dependency.Service) && dependency.Required)
                    Error(DiagnosticIds.UndefinedService, $"service '{service.Name}' depends on undefined service '{dependency.Service}'{Suggest(dependency.Service, services)}", dependency.Origin.Key);
            }

            foreach (var link in service.Links)
            {
                if (!services.Contains(link.Service))
                    Error(DiagnosticIds.UndefinedService, $"service '{service.Name}' links to undefined service '{link.Service}'{Suggest(link.Service, services)}", link.Origin.Value);
            }

            foreach (var from in service.VolumesFrom)
            {
                var name = from.Value.Split(':')[0];
                if (!name.StartsWith("container", System.StringComparison.Ordinal) && !services.Contains(name))
                    Error(DiagnosticIds.UndefinedService, $"service '{service.Name}' takes volumes from undefined service '{name}'{Suggest(name, services)}", from.Span);
            }

            foreach (var (field, value) in new[] { ("network_mode", service.NetworkMode), ("ipc", service.Ipc), ("pid", service.Pid) })
            {
                if (value is not null && value.Value.StartsWith("service:", System.StringComparison.Ordinal) && value.Value.Substring(8) is var target && !services.Contains(target))
                    Error(DiagnosticIds.UndefinedService, $"service '{service.Name}' uses the {field} of undefined service '{target}'{Suggest(target, services)}", value.Span);
            }

            if (service.NetworkMode is { } mode)
            {
                if (!service.Networks.IsEmpty)
                    Error(DiagnosticIds.NetworkModeWithNetworks, $"service '{service.Name}' declares mutually exclusive `network_mode` and `networks`: a container with network_mode '{mode.Value}' joins no compose network", mode.Span);
            }
        }

        FindCycles(project, problems);
        return problems;
    }

    /// <summary>Each depends_on cycle once, named in full from the service where it is first met.</summary>
    private static void FindCycles(ComposeProject project, List<ComposeProblem> problems)
    {
        var byName = project.Services.ToDictionary(s => s.Name);
        var state = new Dictionary<string, int>(); // 0 new, 1 on the current path, 2 done
        var path = new List<(string Service, ServiceDependency? Via)>();

        foreach (var service in project.Services)
            Visit(service.Name, null);

        void Visit(string name, ServiceDependency? via)
        {
            // Iterative depth-first search: 5,000 services must not mean 5,000 stack frames.
            var stack = new Stack<(string Name, ServiceDependency? Via, int Next)>();
            if (state.TryGetValue(name, out var s) && s != 0)
                return;
            stack.Push((name, via, 0));
            state[name] = 1;
            path.Add((name, via));
            while (stack.Count > 0)
            {
                var (current, currentVia, next) = stack.Pop();
                var dependencies = byName.TryGetValue(current, out var service) ? service.DependsOn : EquatableArray<ServiceDependency>.Empty;
                if (next < dependencies.Count)
                {
                    stack.Push((current, currentVia, next + 1));
                    var dependency = dependencies[next];
                    if (!byName.ContainsKey(dependency.Service))
                        continue;
                    state.TryGetValue(dependency.Service, out var seen);
                    if (seen == 1)
                    {
                        var start = path.FindIndex(p => p.Service == dependency.Service);
                        var cycle = path.Skip(start).Select(p => p.Service).Append(dependency.Service);
                        problems.Add(new ComposeProblem(DiagnosticIds.DependencyCycle, ProblemSeverity.Error,
                            $"dependency cycle detected: {string.Join(" -> ", cycle)}", dependency.Origin.Key));
                    }
                    else if (seen == 0)
                    {
                        state[dependency.Service] = 1;
                        path.Add((dependency.Service, dependency));
                        stack.Push((dependency.Service, dependency, 0));
                    }

                    continue;
                }

                state[current] = 2;
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private static string Suggest(string name, IEnumerable<string> known)
        => NameSuggestion.Closest(name, known) is { } suggestion ? $"; did you mean '{suggestion}'?" : "";
}
