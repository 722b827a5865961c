using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Emit;

/// <summary>
/// The API description of a service: its identifier (assigned over the whole project, so it is the same whichever
/// services are built), ports and endpoints, environment members, and the connection-string recipe of a recognised
/// image. Built one service at a time, at most once per loaded project (<see cref="For"/>): the generator asks for
/// every service, the C# literal analyzer only for the services its literals name, and in a build where both see the
/// same loaded project (<see cref="Pipeline.ProjectLoadCache"/>) the analyzer finds what the generator built.
/// </summary>
internal sealed class ApiServiceBuilder
{
    /// <summary>One builder per loaded project, living as long as the project does.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ComposeProject, ApiServiceBuilder> Builders = new();

    private static readonly string[] ServiceMembers =
    {
        "All", "Services", "Name", "Image", "Host", "Networks", "Volumes", "DependsOn", "Profiles", "Ports", "Endpoints",
        "Environment", "ConnectionString", "NetworkConnectionString", "HostConnectionString", "GetConnectionString", "Info",
    };

    private static readonly EquatableArray<string> DefaultNetworkOnly = new[] { "default" }.ToEquatableArray();

    private readonly ComposeProject _project;
    private readonly string _composeDirectory;
    private readonly IReadOnlyDictionary<string, string> _identifiers;

    // A project has a few files and thousands of spans: each file's relative name is worked out once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _relativeNames = new(StringComparer.Ordinal);
    private readonly string _directoryPrefix;

    /// <summary>Each service's description, built once (under the lock: analyzer actions run concurrently).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ApiService> _built = new(StringComparer.Ordinal);

    /// <summary>The builder of a loaded project, shared by whoever asks for the same project and directory.</summary>
    public static ApiServiceBuilder For(ComposeProject project, string composeDirectory)
    {
        var shared = Builders.GetValue(project, p => new ApiServiceBuilder(p, composeDirectory));
        return shared._composeDirectory == composeDirectory ? shared : new ApiServiceBuilder(project, composeDirectory);
    }

    private ApiServiceBuilder(ComposeProject project, string composeDirectory)
    {
        _project = project;
        _composeDirectory = composeDirectory;
        _identifiers = Identifiers.Assign(project.Services.Select(s => s.Name), ServiceMembers, "Service");
        _directoryPrefix = ComposePath.Normalize(composeDirectory) + "/";
    }

    /// <summary>Where a span is, as doc comments name it: the file relative to the compose directory, and the line.</summary>
    public ApiSource Source(SourceSpan span) => new(Relative(span.Path), span.StartLine);

    private string Relative(string path)
    {
        if (_relativeNames.TryGetValue(path, out var relative))
            return relative;
        var normalized = ComposePath.Normalize(path);
        relative = normalized.StartsWith(_directoryPrefix, StringComparison.Ordinal) ? normalized.Substring(_directoryPrefix.Length) : ComposePath.FileName(normalized);
        _relativeNames[path] = relative;
        return relative;
    }

    /// <summary>The API description of <paramref name="service"/>, one of the project's services.</summary>
    public ApiService Build(Service service)
    {
        if (_built.TryGetValue(service.Name, out var built))
            return built;
        lock (_built)
        {
            if (!_built.TryGetValue(service.Name, out built))
                _built[service.Name] = built = Describe(service);
            return built;
        }
    }

    /// <summary>
    /// What CG5003 needs of <paramref name="service"/>'s description: taken from the whole description when it is built
    /// already (a build, where the analyzer shares the generator's project), else made without the environment and the
    /// connection recipe, which are most of a description's cost.
    /// </summary>
    public ApiMembers Members(Service service)
    {
        if (_built.TryGetValue(service.Name, out var built))
            return new ApiMembers(built.Identifier, built.Ports, built.Endpoints, built.Connection is not null);
        var family = ImageFamilies.Find(service.Image?.Value);
        var ports = Ports(service, family, Source);
        var endpoints = Endpoints(ports, family);
        return new ApiMembers(_identifiers[service.Name], ports, endpoints, family is not null && ConnectionRecipes.Provides(family, ports, endpoints));
    }

    private ApiService Describe(Service service)
    {
        var identifier = _identifiers[service.Name];
        Func<SourceSpan, ApiSource> source = Source;
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
            family is null ? null : ConnectionRecipes.For(family, _project, service, ports, endpoints, environment, _composeDirectory));
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
