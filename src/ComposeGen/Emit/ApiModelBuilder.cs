using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Emit;

/// <summary>
/// Decides what the generated API contains: identifiers, ports and endpoints, environment members,
/// and the connection-string recipe of recognised images. Pure: a compose model in, an emit model out.
/// </summary>
internal static class ApiModelBuilder
{
    private static readonly string[] ServiceMembers =
    {
        "All", "Services", "Name", "Image", "Host", "Networks", "Volumes", "DependsOn", "Profiles", "Ports", "Endpoints",
        "Environment", "ConnectionString", "NetworkConnectionString", "HostConnectionString", "GetConnectionString", "Info",
    };

    private static readonly EquatableArray<string> DefaultNetworkOnly = new[] { "default" }.ToEquatableArray();

    public static ApiProject Build(ComposeProject project, string @namespace, string? dotEnvPath, string composeDirectory, bool emitConfigurationExtensions)
    {
        // A project has a few files and thousands of spans: each file's relative name is worked out once.
        var relativeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var directoryPrefix = ComposePath.Normalize(composeDirectory) + "/";

        string Relative(string path)
        {
            if (relativeNames.TryGetValue(path, out var relative))
                return relative;
            var normalized = ComposePath.Normalize(path);
            relative = normalized.StartsWith(directoryPrefix, StringComparison.Ordinal) ? normalized.Substring(directoryPrefix.Length) : ComposePath.FileName(normalized);
            relativeNames[path] = relative;
            return relative;
        }

        ApiSource Source(SourceSpan span) => new(Relative(span.Path), span.StartLine);

        var serviceNames = Identifiers.Assign(project.Services.Select(s => s.Name), ServiceMembers, "Service");
        var services = project.Services.Map(service => BuildService(project, service, serviceNames[service.Name], composeDirectory, Source));

        var usesDefault = project.Services.Any(s => s.UsesDefaultNetwork);
        var networkKeys = project.Networks.Select(n => n.Name).ToList();
        if (usesDefault && !networkKeys.Contains("default"))
            networkKeys.Add("default");
        var networkNames = Identifiers.Assign(networkKeys, new[] { "All", "Networks", "Name", "DockerName", "Internal", "External", "Services" }, "Network");
        // Members and definitions by key, found in one pass each: a scan of every service per network is
        // quadratic (services × networks) and was the generator's largest cost at a few thousand services.
        var networkMembers = MembersByKey(project.Services, s => s.UsesDefaultNetwork ? new[] { "default" } : s.Networks.Select(n => n.Name));
        var networkDefinitions = new Dictionary<string, NetworkDefinition>(StringComparer.Ordinal);
        foreach (var network in project.Networks)
        {
            if (!networkDefinitions.ContainsKey(network.Name))
                networkDefinitions[network.Name] = network;
        }

        var networks = networkKeys.Select(key =>
        {
            var definition = networkDefinitions.TryGetValue(key, out var found) ? found : null;
            var members = Members(networkMembers, key);
            return new ApiNetwork(
                key,
                networkNames[key],
                DockerName(project, key, definition?.DockerName, definition?.External ?? false),
                definition?.Internal ?? false,
                definition?.External ?? false,
                members,
                definition is null ? null : Source(definition.Origin.Key));
        }).ToEquatableArray();

        var volumeNames = Identifiers.Assign(project.Volumes.Select(v => v.Name), new[] { "All", "Volumes", "Name", "DockerName", "External", "Services" }, "Volume");
        var volumeMembers = MembersByKey(project.Services, s => s.Volumes.Where(v => v.Type == VolumeMountType.Volume && v.Source is not null).Select(v => v.Source!));
        var volumes = project.Volumes.Select(volume => new ApiVolume(
            volume.Name,
            volumeNames[volume.Name],
            DockerName(project, volume.Name, volume.DockerName, volume.External),
            volume.External,
            Members(volumeMembers, volume.Name),
            Source(volume.Origin.Key))).ToEquatableArray();

        return new ApiProject(
            @namespace,
            ApiValue.Literal(project.Name),
            dotEnvPath,
            composeDirectory,
            emitConfigurationExtensions,
            services,
            networks,
            volumes,
            FileObjects(project.Secrets, "Secrets", composeDirectory, Source),
            FileObjects(project.Configs, "Configs", composeDirectory, Source));
    }

    /// <summary>The services (names, in service order, each once) that use each key <paramref name="keys"/> gives them.</summary>
    private static Dictionary<string, List<string>> MembersByKey(EquatableArray<Service> services, Func<Service, IEnumerable<string>> keys)
    {
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var key in keys(service).Distinct(StringComparer.Ordinal))
            {
                if (!members.TryGetValue(key, out var list))
                    members[key] = list = new List<string>();
                list.Add(service.Name);
            }
        }

        return members;
    }

    private static EquatableArray<string> Members(Dictionary<string, List<string>> members, string key)
        => (members.TryGetValue(key, out var list) ? list : new List<string>()).ToEquatableArray();

    /// <summary>The name docker gives the resource: its <c>name:</c>, else <c>project_key</c> (external ones keep their key).</summary>
    private static ApiValue DockerName(ComposeProject project, string key, ScalarValue? explicitName, bool external)
        => explicitName is not null ? ApiValue.Of(explicitName) : ApiValue.Literal(external ? key : $"{project.Name}_{key}");

    private static EquatableArray<ApiFileObject> FileObjects(EquatableArray<FileObjectDefinition> definitions, string container, string composeDirectory, Func<SourceSpan, ApiSource> source)
    {
        var names = Identifiers.Assign(definitions.Select(d => d.Name), new[] { "All", container, "Name", "DockerName", "File", "External" }, container.TrimEnd('s'));
        return definitions.Select(definition => new ApiFileObject(
            definition.Name,
            names[definition.Name],
            definition.DockerName is null ? null : ApiValue.Of(definition.DockerName),
            definition.File is { IsLiteral: true } file ? ComposePath.Combine(composeDirectory, file.Value) : null,
            definition.External,
            source(definition.Origin.Key))).ToEquatableArray();
    }

    private static ApiService BuildService(ComposeProject project, Service service, string identifier, string composeDirectory, Func<SourceSpan, ApiSource> source)
    {
        var family = ImageFamilies.Find(service.Image?.Value);
        var ports = Ports(service, family, source);
        var endpoints = Endpoints(ports, family);
        var variableNames = Identifiers.Assign(service.Environment.Select(v => v.Name), new[] { "Environment" }, "Variable");
        // Each name once, where it first appears, with its last value (GroupBy(Name).Select(Last), without the lookup).
        var lastOfEach = new List<EnvironmentVariable>(service.Environment.Count);
        Dictionary<string, int>? positions = null;
        foreach (var variable in service.Environment)
        {
            positions ??= new Dictionary<string, int>(service.Environment.Count, StringComparer.Ordinal);
            if (positions.TryGetValue(variable.Name, out var at))
            {
                lastOfEach[at] = variable;
            }
            else
            {
                positions[variable.Name] = lastOfEach.Count;
                lastOfEach.Add(variable);
            }
        }

        var variables = ImmutableArray.CreateBuilder<ApiVariable>(lastOfEach.Count);
        foreach (var v in lastOfEach)
            variables.Add(new ApiVariable(v.Name, variableNames[v.Name], v.Value is null ? new ApiValue("${" + v.Name + "}", true) : ApiValue.Of(v.Value), source(v.Origin.Key)));
        var environment = new EquatableArray<ApiVariable>(variables.MoveToImmutable());

        return new ApiService(
            service.Name,
            identifier,
            source(service.Origin.Key),
            service.Image is null ? null : ApiValue.Of(service.Image),
            service.Name,
            service.UsesDefaultNetwork ? DefaultNetworkOnly : service.Networks.Map(n => n.Name),
            service.Volumes.Where(v => v.Type == VolumeMountType.Volume && v.Source is not null).Select(v => v.Source!).Distinct().ToEquatableArray(),
            service.DependsOn.Map(d => d.Service),
            service.Profiles.Map(p => p.Value),
            ports,
            endpoints,
            environment,
            family is null ? null : ConnectionRecipes.For(family, project, service, ports, endpoints, environment, composeDirectory));
    }

    /// <summary>
    /// Declared ports, then <c>expose</c>d ones, then the image's own default port(s) when nothing declares
    /// them: the last two are reachable on the compose network only.
    /// </summary>
    private static EquatableArray<ApiPort> Ports(Service service, ImageFamily? family, Func<SourceSpan, ApiSource> source)
    {
        var ports = new List<ApiPort>(service.Ports.Count + service.Expose.Count + 1);
        foreach (var p in service.Ports)
            ports.Add(new ApiPort(p.Target, p.Published, p.HostIp, p.Protocol, p.Name, source(p.Origin.Value)));

        static bool Has(List<ApiPort> ports, int port, string protocol)
        {
            foreach (var p in ports)
            {
                if (p.Container == port && p.Protocol == protocol)
                    return true;
            }

            return false;
        }

        foreach (var exposed in service.Expose)
        {
            if (!Has(ports, exposed.Port, exposed.Protocol))
                ports.Add(new ApiPort(exposed.Port, null, null, exposed.Protocol, null, source(exposed.Origin.Value)));
        }

        if (family is not null)
        {
            foreach (var port in ConnectionRecipes.DefaultPorts(family, service))
            {
                if (!Has(ports, port, "tcp"))
                    ports.Add(new ApiPort(port, null, null, "tcp", null, source(service.Image!.Span)));
            }
        }

        return ports.ToEquatableArray();
    }

    /// <summary>One endpoint per distinct container port (the first mapping of it), named after what listens there.</summary>
    private static EquatableArray<ApiEndpoint> Endpoints(EquatableArray<ApiPort> ports, ImageFamily? family)
    {
        var chosen = new List<(int Index, string Name, string? Scheme)>();
        var seen = new HashSet<(int, string)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            if (!seen.Add((port.Container, port.Protocol)))
                continue;
            var (name, scheme) = EndpointName(port, family);
            chosen.Add((i, name, scheme));
        }

        // Numbered in port order (not key order like other names): endpoints have no key of their own.
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<ApiEndpoint>();
        foreach (var (index, name, scheme) in chosen)
        {
            var identifier = Identifiers.Pascal(name);
            if (identifier == "Endpoints")
                identifier += "Endpoint";
            taken.TryGetValue(identifier, out var count);
            taken[identifier] = count + 1;
            result.Add(new ApiEndpoint(count == 0 ? identifier : identifier + (count + 1), index, scheme));
        }

        return result.ToEquatableArray();
    }

    private static (string Name, string? Scheme) EndpointName(ApiPort port, ImageFamily? family)
    {
        var udp = port.Protocol == "tcp" ? "" : Identifiers.Pascal(port.Protocol);
        if (port.Name is { Length: > 0 } named)
            return (named, SchemeFor(port.Container, named));
        if (family is not null && ConnectionRecipes.NamedPort(family, port.Container) is { } known)
            return known;
        return port.Container switch
        {
            80 or 3000 or 4200 or 5000 or 8000 or 8080 or 8081 or 9090 => ("Http" + udp, udp.Length == 0 ? "http" : null),
            443 or 8443 => ("Https" + udp, udp.Length == 0 ? "https" : null),
            _ => ("Port" + port.Container + udp, null),
        };
    }

    private static string? SchemeFor(int port, string name)
        => name.ToLowerInvariant() switch
        {
            "http" or "web" => "http",
            "https" => "https",
            "grpc" => "http",
            _ => port is 443 or 8443 ? "https" : null,
        };
}
