using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Networking;

/// <summary>The CG3xxx networking rules (SPEC §6), in ID order.</summary>
public static class NetworkingRules
{
    public static readonly IReadOnlyList<IComposeRule> All = new IComposeRule[]
    {
        new UnreachableHostRule(),
        new UnknownHostRule(),
        new WrongPortRule(),
        new TargetWithoutNetworkRule(),
        new DuplicatePublishedPortRule(),
        new LocalhostRule(),
        new PortsUnderHostNetworkRule(),
        new AddressedByHostnameRule(),
        new PortsOnInternalNetworkRule(),
    };

    /// <summary>Runs every networking rule.</summary>
    public static IReadOnlyList<ComposeProblem> Run(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var rule in All)
            problems.AddRange(rule.Check(project));
        return problems;
    }

    internal static string List(IEnumerable<string> names) => "[" + string.Join(", ", names) + "]";

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A port mapping as short syntax: <c>127.0.0.1:8080:80/udp</c>.</summary>
    internal static string Format(PortMapping mapping)
    {
        var text = new System.Text.StringBuilder();
        if (!string.IsNullOrEmpty(mapping.HostIp))
            text.Append(mapping.HostIp!.IndexOf(':') >= 0 ? "[" + mapping.HostIp + "]" : mapping.HostIp).Append(':');
        if (mapping.Published is { } published)
            text.Append(Number(published)).Append(':');
        text.Append(Number(mapping.Target));
        if (!string.Equals(mapping.Protocol, "tcp", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(mapping.Protocol))
            text.Append('/').Append(mapping.Protocol);
        return text.ToString();
    }

    /// <summary>The first mapping of each <c>ports</c> entry (a range is expanded into several mappings with one origin).</summary>
    internal static IEnumerable<PortMapping> Entries(Service service)
    {
        var seen = new HashSet<SourceSpan>();
        foreach (var mapping in service.Ports)
        {
            if (seen.Add(mapping.Origin.Value))
                yield return mapping;
        }
    }

    internal static string ModeText(NetworkAttachment attachment, Service service)
        => attachment switch
        {
            NetworkAttachment.Host => "network_mode: host",
            NetworkAttachment.None => "network_mode: none",
            NetworkAttachment.Bridge => "network_mode: bridge",
            _ => "network_mode: " + (service.NetworkMode?.Value ?? ""),
        };
}

/// <summary>CG3001: a service refers to a host it cannot reach: no shared network, an alias on another network, host/none networking on the referring side, or a service that lives in another's stack.</summary>
public sealed class UnreachableHostRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.UnreachableHost };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var analysis = NetworkingAnalysis.For(project);
        var model = analysis.Model;
        foreach (var found in analysis.References)
        {
            var from = found.Service;
            var target = found.Resolution.Target;
            var display = found.Reference.Display;
            string? message = found.Resolution.Kind switch
            {
                NameResolutionKind.NoSharedNetwork when target is not null =>
                    $"service '{from.Name}' refers to '{display}', but they share no network: {from.Name} is on {NetworkingRules.List(model.NetworksOf(from))}, {target.Name} is on {NetworkingRules.List(model.NetworksOf(target))}",
                NameResolutionKind.AliasOnOtherNetwork when target is not null =>
                    $"service '{from.Name}' refers to '{display}', an alias of '{target.Name}' only on {NetworkingRules.List(found.Resolution.Networks)}, a network {from.Name} is not on: {from.Name} is on {NetworkingRules.List(model.NetworksOf(from))}",
                NameResolutionKind.FromOutsideNetworks when target is not null =>
                    $"service '{from.Name}' refers to '{display}', but {from.Name} uses {NetworkingRules.ModeText(model.AttachmentOf(model.StackOwnerOf(from)), model.StackOwnerOf(from))}: it is on no compose network, so compose names do not resolve in it",
                NameResolutionKind.TargetInOtherStack when target is not null =>
                    $"service '{from.Name}' refers to '{display}', but '{target.Name}' runs in the network stack of '{model.StackOwnerOf(target).Name}' ({NetworkingRules.ModeText(NetworkAttachment.ServiceStack, target)}) and has no name of its own on any network; use '{model.StackOwnerOf(target).Name}'",
                _ => null,
            };
            if (message is not null)
                yield return new ComposeProblem(DiagnosticIds.UnreachableHost, ProblemSeverity.Warning, message, found.HostSpan);
        }
    }
}

/// <summary>CG3002: a single-label host that is no name compose resolves, with "did you mean".</summary>
public sealed class UnknownHostRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.UnknownHost };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var analysis = NetworkingAnalysis.For(project);
        foreach (var found in analysis.References)
        {
            if (found.Resolution.Kind != NameResolutionKind.Unknown || !found.Reference.IsSingleLabel || found.Value.Value.IndexOf("${", StringComparison.Ordinal) >= 0)
                continue;
            var suggestion = analysis.Model.Suggest(found.Service, found.Reference.Host);
            var message = $"service '{found.Service.Name}' refers to '{found.Reference.Display}', but '{found.Reference.Host}' is no name compose resolves (a service, container_name, network alias or link)"
                          + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
            yield return new ComposeProblem(DiagnosticIds.UnknownHost, ProblemSeverity.Warning, message, found.HostSpan);
        }
    }
}

/// <summary>CG3003: the referenced port is not one the target listens on (declared <c>expose</c>/<c>ports</c>, or its image's default).</summary>
public sealed class WrongPortRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.WrongPort };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var analysis = NetworkingAnalysis.For(project);
        foreach (var found in analysis.References)
        {
            if (!found.Resolution.Resolves || found.Resolution.Target is not { } target || found.Reference.EffectivePort is not { } port)
                continue;
            var ports = analysis.PortsOf(target);
            if (!ports.IsKnown || ports.ListensOn(port) || ports.IsMentioned(port, analysis.IsClientValue))
                continue;

            var display = found.Reference.Display;
            var implied = found.Reference.Port is null ? $" (port {NetworkingRules.Number(port)}, the default for {found.Reference.Scheme})" : "";
            var message = $"service '{found.Service.Name}' refers to '{display}'{implied}, but '{target.Name}' listens on {ports.Describe()}";
            if (ports.Published.TryGetValue(port, out var targets))
            {
                var containerPort = NetworkingRules.Number(targets[0]);
                message += $"; {NetworkingRules.Number(port)} is the port '{target.Name}' publishes on the host, other containers reach it on its container port {containerPort} ('{found.Reference.Host}:{containerPort}')";
            }

            yield return new ComposeProblem(DiagnosticIds.WrongPort, ProblemSeverity.Warning, message, found.PortSpan);
        }
    }
}

/// <summary>CG3004: a service refers to one that uses <c>network_mode: none</c>, <c>host</c> (or <c>bridge</c>): it is on no compose network.</summary>
public sealed class TargetWithoutNetworkRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.TargetWithoutNetwork };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var analysis = NetworkingAnalysis.For(project);
        var model = analysis.Model;
        foreach (var found in analysis.References)
        {
            if (found.Resolution.Kind != NameResolutionKind.TargetOutsideNetworks || found.Resolution.Target is not { } target)
                continue;
            var attachment = model.AttachmentOf(target);
            var port = found.Reference.EffectivePort is { } p ? ":" + NetworkingRules.Number(p) : "";
            var why = attachment switch
            {
                NetworkAttachment.None => "it has no network at all",
                NetworkAttachment.Host => $"it is on no compose network, so its name does not resolve; reach it through the host (host.docker.internal{port})",
                _ => "it is on docker's default bridge, not on a compose network, so its name does not resolve",
            };
            var message = $"service '{found.Service.Name}' refers to '{found.Reference.Display}', but '{target.Name}' uses {NetworkingRules.ModeText(attachment, target)}: {why}";
            yield return new ComposeProblem(DiagnosticIds.TargetWithoutNetwork, ProblemSeverity.Warning, message, found.HostSpan);
        }
    }
}

/// <summary>
/// CG3005: the same host port published twice (same protocol, clashing host IPs), within a service or across
/// services, or by a service that runs several replicas. An empty host IP binds every address; <c>0.0.0.0</c>
/// every IPv4 address and <c>::</c> every IPv6 address; two different specific addresses do not clash.
/// Services whose profiles never run together (both have profiles, none in common) do not clash.
/// </summary>
public sealed class DuplicatePublishedPortRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.DuplicatePublishedPort };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var groups = new Dictionary<(int Port, string Protocol), List<(Service Service, PortMapping Mapping)>>();
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            foreach (var mapping in service.Ports)
            {
                if (mapping.Published is not { } published)
                    continue;
                var key = (published, (mapping.Protocol ?? "tcp").ToLowerInvariant());
                if (!groups.TryGetValue(key, out var group))
                    groups[key] = group = new List<(Service, PortMapping)>();

                if (service.Replicas is > 1 && !group.Any(g => ReferenceEquals(g.Service, service)))
                {
                    problems.Add(new ComposeProblem(DiagnosticIds.DuplicatePublishedPort, ProblemSeverity.Error,
                        $"service '{service.Name}' publishes host port {Describe(mapping)} but runs {NetworkingRules.Number(service.Replicas.Value)} replicas: only one container can bind it (leave the host port out to get one per replica)",
                        mapping.Origin.Value));
                }

                foreach (var (earlierService, earlier) in group)
                {
                    if (earlier.Origin.Value == mapping.Origin.Value || !Clash(earlier.HostIp, mapping.HostIp) || !CanRunTogether(earlierService, service))
                        continue;
                    var other = ReferenceEquals(earlierService, service) || earlierService.Name == service.Name
                        ? $"it already publishes it ('{NetworkingRules.Format(earlier)}', line {NetworkingRules.Number(earlier.Origin.Value.StartLine)})"
                        : $"service '{earlierService.Name}' already publishes it ('{NetworkingRules.Format(earlier)}', {Where(earlier.Origin.Value, mapping.Origin.Value)})";
                    problems.Add(new ComposeProblem(DiagnosticIds.DuplicatePublishedPort, ProblemSeverity.Error,
                        $"service '{service.Name}' publishes host port {Describe(mapping)}, but {other}: the second container fails to start (port is already allocated)",
                        mapping.Origin.Value));
                    break;
                }

                group.Add((service, mapping));
            }
        }

        return problems;
    }

    private static string Describe(PortMapping mapping)
    {
        var ip = string.IsNullOrEmpty(mapping.HostIp) ? "" : (mapping.HostIp!.IndexOf(':') >= 0 ? "[" + mapping.HostIp + "]" : mapping.HostIp) + ":";
        return $"{ip}{NetworkingRules.Number(mapping.Published ?? 0)}/{(mapping.Protocol ?? "tcp").ToLowerInvariant()}";
    }

    private static string Where(SourceSpan earlier, SourceSpan later)
        => earlier.Path == later.Path
            ? "line " + NetworkingRules.Number(earlier.StartLine)
            : $"{System.IO.Path.GetFileName(earlier.Path)} line {NetworkingRules.Number(earlier.StartLine)}";

    /// <summary>Whether two host IPs bind a common address.</summary>
    internal static bool Clash(string? a, string? b)
    {
        var left = Normalize(a);
        var right = Normalize(b);
        if (left.Length == 0 || right.Length == 0)
            return true;
        if (left == right)
            return true;
        if (left == "0.0.0.0")
            return !IsIpv6(right);
        if (right == "0.0.0.0")
            return !IsIpv6(left);
        if (left == "::")
            return IsIpv6(right);
        if (right == "::")
            return IsIpv6(left);
        return false;
    }

    private static string Normalize(string? ip)
    {
        var text = (ip ?? "").Trim().Trim('[', ']').ToLowerInvariant();
        if (text.IndexOf(':') >= 0 && System.Net.IPAddress.TryParse(text, out var address))
            return address.Equals(System.Net.IPAddress.IPv6Any) ? "::" : address.ToString();
        return text;
    }

    private static bool IsIpv6(string ip) => ip.IndexOf(':') >= 0;

    private static bool CanRunTogether(Service a, Service b)
    {
        if (a.Profiles.IsEmpty || b.Profiles.IsEmpty)
            return true;
        foreach (var profile in a.Profiles)
        {
            foreach (var other in b.Profiles)
            {
                if (profile.Value == other.Value)
                    return true;
            }
        }

        return false;
    }
}

/// <summary>
/// CG3006: <c>localhost</c>/<c>127.0.0.1</c>/<c>::1</c> used inside a container to reach another service.
/// It fires only when the port (written, paired, or the URL scheme's default) is one that another service
/// listens on and the referring container's own stack does not. Healthchecks are skipped (they probe the
/// container itself), and so are services with host networking (where localhost is the host).
/// Browser-facing values stay silent: variables named like front-end settings (<c>REACT_APP_</c>, <c>VITE_</c>,
/// <c>NEXT_PUBLIC_</c>...), and http(s)/ws URLs or bare <c>host:port</c> whose port the target publishes on the host
/// under the same number (a browser on the host does reach <c>localhost</c> there).
/// </summary>
public sealed class LocalhostRule : IComposeRule
{
    private static readonly string[] BrowserPrefixes = { "REACT_APP_", "VITE_", "NEXT_PUBLIC_", "VUE_APP_", "NUXT_PUBLIC_", "NG_APP_", "EXPO_PUBLIC_", "GATSBY_", "PUBLIC_", "STORYBOOK_" };

    private static readonly string[] BrowserWords = { "PUBLIC", "EXTERNAL", "BROWSER", "ORIGIN", "CORS", "REDIRECT", "CALLBACK", "ADVERTISED" };

    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.LocalhostToReachService };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var analysis = NetworkingAnalysis.For(project);
        var model = analysis.Model;
        foreach (var found in analysis.References)
        {
            var reference = found.Reference;
            if (!reference.IsLoopback || found.Source == ReferenceSource.Healthcheck || reference.EffectivePort is not { } port)
                continue;
            var owner = model.StackOwnerOf(found.Service);
            if (model.AttachmentOf(owner) is not (NetworkAttachment.Networks or NetworkAttachment.None))
                continue;
            if (found.VariableName is { } name && IsBrowserFacing(name))
                continue;
            var own = analysis.PortsOf(found.Service);
            if (own.ListensOn(port) || own.IsMentioned(port, analysis.IsClientValue))
                continue;

            var others = analysis.Ports.ListeningOn(port).Where(s => s.Owner.Name != owner.Name).ToList();
            if (others.Count == 0)
                continue;
            var webLike = reference.Kind == HostReferenceKind.HostPort
                          || (reference.Kind == HostReferenceKind.Url && reference.Scheme is "http" or "https" or "ws" or "wss");
            if (webLike && others.Any(s => s.Published.ContainsKey(port)))
                continue;

            var names = others.Take(3).Select(s => $"'{s.Owner.Name}'").ToList();
            var listeners = names.Count == 1 ? names[0] + " listens" : string.Join(", ", names) + (others.Count > 3 ? " and others" : "") + " listen";
            var implied = reference.Port is null ? $" (port {NetworkingRules.Number(port)}, the default for {reference.Scheme})" : "";
            var message = $"service '{found.Service.Name}' refers to '{reference.Display}'{implied}, but inside a container {reference.Host} is the container itself; {listeners} on {NetworkingRules.Number(port)}: use '{others[0].Owner.Name}:{NetworkingRules.Number(port)}'";
            yield return new ComposeProblem(DiagnosticIds.LocalhostToReachService, ProblemSeverity.Warning, message, found.HostSpan);
        }
    }

    private static bool IsBrowserFacing(string name)
    {
        foreach (var prefix in BrowserPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        foreach (var word in BrowserWords)
        {
            if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                return true;
        }

        return false;
    }
}

/// <summary>CG3007: <c>ports</c> under <c>network_mode: host</c>, which docker ignores.</summary>
public sealed class PortsUnderHostNetworkRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.PortsUnderHostNetwork };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var model = NetworkingAnalysis.For(project).Model;
        foreach (var service in project.Services)
        {
            if (model.AttachmentOf(service) != NetworkAttachment.Host)
                continue;
            foreach (var mapping in NetworkingRules.Entries(service))
            {
                yield return new ComposeProblem(DiagnosticIds.PortsUnderHostNetwork, ProblemSeverity.Warning,
                    $"service '{service.Name}' publishes '{NetworkingRules.Format(mapping)}' under network_mode: host, where docker ignores 'ports': the container listens on the host's ports directly",
                    mapping.Origin.Value);
            }
        }
    }
}

/// <summary>CG3008: a service addressed by another service's <c>hostname:</c>, which other containers cannot resolve.</summary>
public sealed class AddressedByHostnameRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.AddressedByHostname };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var analysis = NetworkingAnalysis.For(project);
        foreach (var found in analysis.References)
        {
            if (found.Resolution.Kind != NameResolutionKind.Hostname || found.Resolution.Target is not { } target)
                continue;
            var instead = found.Reference.Port is { } port ? $"{target.Name}:{NetworkingRules.Number(port)}" : target.Name;
            yield return new ComposeProblem(DiagnosticIds.AddressedByHostname, ProblemSeverity.Warning,
                $"service '{found.Service.Name}' refers to '{found.Reference.Display}', the hostname of service '{target.Name}', which other containers cannot resolve (compose registers the service name, not 'hostname:'); use '{instead}'",
                found.HostSpan);
        }
    }
}

/// <summary>CG3009: ports published by a service attached only to <c>internal: true</c> networks (not reachable from the host).</summary>
public sealed class PortsOnInternalNetworkRule : IComposeRule
{
    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.PortsOnInternalNetworkOnly };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var model = NetworkingAnalysis.For(project).Model;
        foreach (var service in project.Services)
        {
            if (service.Ports.IsEmpty || !model.IsInternalOnly(service))
                continue;
            var networks = NetworkingRules.List(model.NetworksOf(service));
            foreach (var mapping in NetworkingRules.Entries(service))
            {
                yield return new ComposeProblem(DiagnosticIds.PortsOnInternalNetworkOnly, ProblemSeverity.Warning,
                    $"service '{service.Name}' publishes '{NetworkingRules.Format(mapping)}', but it is attached only to internal networks {networks}, so the port is not reachable from the host",
                    mapping.Origin.Value);
            }
        }
    }
}
