using System.Collections.Generic;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis;

/// <summary>
/// CG2006, CG2007, CG2010–CG2013: a healthy-condition without a healthcheck, resources nobody uses,
/// services with nothing to run, clashing container names and mount targets, and dependencies that
/// a profile switches off.
/// </summary>
public sealed class StructureRules : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { "CG2006", "CG2007", "CG2010", "CG2011", "CG2012", "CG2013" };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        void Report(string id, ProblemSeverity severity, string message, SourceSpan at) => problems.Add(new ComposeProblem(id, severity, message, at));
        var byName = new Dictionary<string, Service>();
        foreach (var service in project.Services)
            byName[service.Name] = service;

        foreach (var service in project.Services)
        {
            foreach (var dependency in service.DependsOn)
            {
                if (dependency.Condition == "service_healthy" && byName.TryGetValue(dependency.Service, out var target)
                    && (target.Healthcheck is null || target.Healthcheck.Disable || IsNone(target.Healthcheck.Test)))
                {
                    Report(DiagnosticIds.HealthyWithoutHealthcheck, ProblemSeverity.Warning,
                        $"service '{service.Name}' waits for '{dependency.Service}' to be healthy, but '{dependency.Service}' has no healthcheck{(target.Healthcheck is null ? "" : " (it is disabled)")}: the dependency can never be satisfied (unless the image defines a HEALTHCHECK); add a healthcheck to '{dependency.Service}' or use condition: service_started",
                        dependency.Origin.Key);
                }

                if (dependency.Required && byName.TryGetValue(dependency.Service, out var required) && DisabledBy(required, service) is { } profiles)
                {
                    Report(DiagnosticIds.DependencyDisabledByProfile, ProblemSeverity.Warning,
                        $"service '{service.Name}' requires '{dependency.Service}', which only starts with profile {profiles}, while '{service.Name}' {(service.Profiles.IsEmpty ? "always starts" : "starts with profile " + Join(service.Profiles))}: 'docker compose up' fails unless that profile is enabled; add the profile to '{service.Name}' too, or mark the dependency required: false",
                        dependency.Origin.Key);
                }
            }

            if (service.Image is null && service.Build is null && service.Extends is null)
            {
                Report(DiagnosticIds.NoImageOrBuild, ProblemSeverity.Error,
                    $"service '{service.Name}' has neither 'image' nor 'build': docker compose has nothing to run", service.Origin.Key);
            }

            if (service.ContainerName is { } containerName && service.Replicas is > 1)
            {
                Report(DiagnosticIds.DuplicateContainerName, ProblemSeverity.Error,
                    $"service '{service.Name}' sets container_name '{containerName.Value}' but asks for {service.Replicas} replicas: container names are unique, so only one can start",
                    containerName.Span);
            }

            DuplicateMounts(service, Report);
        }

        foreach (var group in project.Services.Where(s => s.ContainerName is not null).GroupBy(s => s.ContainerName!.Value).Where(g => g.Count() > 1))
        {
            var services = group.ToList();
            foreach (var service in services.Skip(1))
            {
                Report(DiagnosticIds.DuplicateContainerName, ProblemSeverity.Error,
                    $"services '{services[0].Name}' and '{service.Name}' both set container_name '{group.Key}': the second container cannot be created",
                    service.ContainerName!.Span);
            }
        }

        Unused(project, Report);
        return problems;
    }

    private static bool IsNone(CommandLine? test)
        => test is not null && !test.IsShellForm && test.ExecForm.Count > 0 && test.ExecForm[0].Value == "NONE";

    /// <summary>The dependency's profiles when it can be off while the dependent is on, as display text.</summary>
    private static string? DisabledBy(Service dependency, Service dependent)
    {
        if (dependency.Profiles.IsEmpty)
            return null;
        var needed = new HashSet<string>(dependency.Profiles.Select(p => p.Value));
        if (!dependent.Profiles.IsEmpty && dependent.Profiles.All(p => needed.Contains(p.Value)))
            return null;
        return Join(dependency.Profiles);
    }

    private static string Join(EquatableArray<ScalarValue> profiles) => "[" + string.Join(", ", profiles.Select(p => p.Value)) + "]";

    private static void DuplicateMounts(Service service, System.Action<string, ProblemSeverity, string, SourceSpan> report)
    {
        var targets = new Dictionary<string, string>();
        void Check(string target, string what, SourceSpan at)
        {
            var normalized = target.Length > 1 ? target.TrimEnd('/') : target;
            if (targets.TryGetValue(normalized, out var first))
            {
                report(DiagnosticIds.DuplicateMountTarget, ProblemSeverity.Error,
                    $"service '{service.Name}' mounts {what} and {first} on the same path '{normalized}': only one can be mounted there", at);
                return;
            }

            targets[normalized] = what;
        }

        foreach (var volume in service.Volumes)
            Check(volume.Target, volume.Source is null ? $"a {volume.Type.ToString().ToLowerInvariant()}" : $"'{volume.Source}'", volume.Origin.Value);
        foreach (var tmpfs in service.Tmpfs)
            Check(tmpfs.Value.Split(':')[0], "a tmpfs", tmpfs.Span);
        foreach (var secret in service.Secrets)
            Check(secret.Target is { } t && t.StartsWith("/", System.StringComparison.Ordinal) ? t : "/run/secrets/" + (secret.Target ?? secret.Source), $"secret '{secret.Source}'", secret.Origin.Value);
        foreach (var config in service.Configs)
            Check(config.Target ?? "/" + config.Source, $"config '{config.Source}'", config.Origin.Value);
    }

    private static void Unused(ComposeProject project, System.Action<string, ProblemSeverity, string, SourceSpan> report)
    {
        var usedNetworks = new HashSet<string>(project.Services.SelectMany(s => s.Networks.Select(n => n.Name)));
        if (project.Services.Any(s => s.UsesDefaultNetwork))
            usedNetworks.Add("default");
        var usedVolumes = new HashSet<string>(project.Services.SelectMany(s => s.Volumes.Where(v => v.Type == VolumeMountType.Volume && v.Source is not null).Select(v => v.Source!)));
        var usedSecrets = new HashSet<string>(project.Services.SelectMany(s => s.Secrets.Concat(s.Build?.Secrets ?? EquatableArray<FileObjectReference>.Empty).Select(x => x.Source)));
        var usedConfigs = new HashSet<string>(project.Services.SelectMany(s => s.Configs.Select(x => x.Source)));
        // volumes_from shares every volume of the source service, so nothing it mounts is unused.

        void Check(string kind, string name, Origin origin, HashSet<string> used, bool skip = false)
        {
            if (skip || used.Contains(name))
                return;
            report(DiagnosticIds.UnusedResource, ProblemSeverity.Info, $"{kind} '{name}' is declared but no service uses it", origin.Key);
        }

        foreach (var network in project.Networks)
            Check("network", network.Name, network.Origin, usedNetworks, skip: network.Name == "default");
        foreach (var volume in project.Volumes)
            Check("volume", volume.Name, volume.Origin, usedVolumes);
        foreach (var secret in project.Secrets)
            Check("secret", secret.Name, secret.Origin, usedSecrets);
        foreach (var config in project.Configs)
            Check("config", config.Name, config.Origin, usedConfigs);
    }
}
