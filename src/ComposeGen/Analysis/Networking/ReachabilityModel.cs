using System;
using System.Collections.Generic;
using System.Globalization;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Networking;

/// <summary>How a service's container is attached to networks (<c>network_mode</c>).</summary>
public enum NetworkAttachment
{
    /// <summary>On compose networks: those it names, or <c>default</c>.</summary>
    Networks,

    /// <summary><c>network_mode: none</c>: no network at all.</summary>
    None,

    /// <summary><c>network_mode: host</c>: the host's network stack, no compose network.</summary>
    Host,

    /// <summary><c>network_mode: bridge</c>: docker's default bridge, where names do not resolve.</summary>
    Bridge,

    /// <summary><c>network_mode: service:X</c>: X's network stack (and so X's networks and names).</summary>
    ServiceStack,

    /// <summary><c>network_mode: container:id</c>, an undefined service, a cycle, or anything else: not knowable here.</summary>
    Unknown,
}

/// <summary>How a name used by one service resolves (or why it does not).</summary>
public enum NameResolutionKind
{
    /// <summary>The service name or <c>container_name</c> (or compose's generated container name) of a service on a shared network.</summary>
    Service,

    /// <summary>A network alias declared on a network the referencing service is on.</summary>
    NetworkAlias,

    /// <summary>A <c>links:</c> alias of the referencing service.</summary>
    LinkAlias,

    /// <summary>The referencing service's own <c>hostname:</c> (resolvable inside the container itself).</summary>
    OwnHostname,

    /// <summary><c>localhost</c>, <c>host.docker.internal</c>, <c>gateway.docker.internal</c>.</summary>
    WellKnown,

    /// <summary>An <c>external_links</c> name or alias: a container outside the project, assumed to exist.</summary>
    ExternalLink,

    /// <summary>A dotted name that is no service's name: left to real DNS.</summary>
    ExternalDns,

    /// <summary>An IP literal.</summary>
    IpLiteral,

    /// <summary>
    /// No name of this project, but the referencing service is on an <c>external</c> network, where containers of
    /// other projects can answer to it: taken on trust.
    /// </summary>
    ExternalNetwork,

    /// <summary>The referencing service's <c>network_mode</c> (container:…) or the target's makes the answer unknowable.</summary>
    Indeterminate,

    /// <summary>A service's name, but the two services share no network.</summary>
    NoSharedNetwork,

    /// <summary>A network alias, declared only on networks the referencing service is not on.</summary>
    AliasOnOtherNetwork,

    /// <summary>The referencing service uses <c>network_mode</c> host, none or bridge: compose names do not resolve in it.</summary>
    FromOutsideNetworks,

    /// <summary>The target uses <c>network_mode</c> host, none or bridge: it is on no compose network.</summary>
    TargetOutsideNetworks,

    /// <summary>The target uses <c>network_mode: service:X</c>: it has no name of its own; it is reached as X.</summary>
    TargetInOtherStack,

    /// <summary>Only another service's <c>hostname:</c>, which compose does not make resolvable.</summary>
    Hostname,

    /// <summary>No name compose resolves.</summary>
    Unknown,
}

/// <summary>The answer to "what does <c>name</c> mean inside service S".</summary>
/// <param name="Target">The service the name means (or would mean), when there is one.</param>
/// <param name="Networks">The shared networks (resolved kinds), or the networks an alias is declared on (<see cref="NameResolutionKind.AliasOnOtherNetwork"/>).</param>
public sealed record NameResolution(NameResolutionKind Kind, Service? Target, EquatableArray<string> Networks)
{
    public bool Resolves => Kind is NameResolutionKind.Service or NameResolutionKind.NetworkAlias or NameResolutionKind.LinkAlias or NameResolutionKind.OwnHostname;
}

/// <summary>
/// Which names resolve to which service from which service, built once per project and indexed by name,
/// so a project of thousands of services costs linear time. It models docker compose's behaviour:
/// <list type="bullet">
/// <item>a service is on the networks it names, or on <c>default</c> when it names none and has no <c>network_mode</c>;</item>
/// <item><c>network_mode: none|host|bridge</c> puts it on no compose network; <c>service:X</c> puts it in X's network
/// stack (X's networks, X's names, X's ports on <c>localhost</c>) and gives it no name of its own;</item>
/// <item>the service name and <c>container_name</c> (and the generated <c>project-service-N</c>) resolve on every network the
/// service is on; a network alias only on the network that declares it; a <c>links</c> alias only inside the linking
/// service; <c>hostname:</c> only inside the service itself; <c>external_links</c> names are taken on trust;</item>
/// <item>two network keys with the same <c>name:</c> are the same network.</item>
/// </list>
/// Names compare case-insensitively, as DNS does. Built once, then read-only (the "did you mean" memo is locked),
/// so rules may use it from several threads.
/// </summary>
public sealed class ReachabilityModel
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    private readonly ComposeProject _project;
    private readonly Dictionary<string, Service> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Service> _byServiceName = new(Names);
    private readonly Dictionary<string, Service> _byDnsName = new(Names);
    private readonly Dictionary<string, string?> _suggestions = new(Names);
    private readonly Dictionary<string, List<(Service Service, string Network)>> _aliases = new(Names);
    private readonly Dictionary<string, List<Service>> _hostnames = new(Names);
    private readonly Dictionary<string, NetworkAttachment> _attachment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Service> _stackOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Service>> _stackMembers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EquatableArray<string>> _networks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _networkIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _networkIdOfKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetworkDefinition> _definitions = new(StringComparer.Ordinal);
    private List<string>? _suggestionNames;

    private ReachabilityModel(ComposeProject project)
    {
        _project = project;
        foreach (var network in project.Networks)
        {
            _definitions[network.Name] = network;
            _networkIdOfKey[network.Name] = network.DockerName is { } dockerName && dockerName.Value.Length > 0 ? "name:" + dockerName.Value : "key:" + network.Name;
        }

        foreach (var service in project.Services)
        {
            if (!_byName.ContainsKey(service.Name))
                _byName[service.Name] = service;
            if (!_byServiceName.ContainsKey(service.Name))
                _byServiceName[service.Name] = service;
        }

        foreach (var service in project.Services)
            _attachment[service.Name] = Classify(service);

        foreach (var service in project.Services)
        {
            var owner = StackOwner(service);
            if (!_stackMembers.TryGetValue(owner.Name, out var members))
                _stackMembers[owner.Name] = members = new List<Service>();
            members.Add(service);
        }

        foreach (var service in project.Services)
        {
            var owner = _stackOwner[service.Name];
            var networks = _attachment[owner.Name] == NetworkAttachment.Networks ? OwnNetworks(owner) : EquatableArray<string>.Empty;
            _networks[service.Name] = networks;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var network in networks)
                ids.Add(NetworkId(network));
            _networkIds[service.Name] = ids;
        }

        foreach (var service in project.Services)
        {
            if (service.Hostname is { } hostname && hostname.Value.Length > 0)
                Add(_hostnames, hostname.Value, service);
            if (!_byDnsName.ContainsKey(service.Name))
                _byDnsName[service.Name] = service;
        }

        foreach (var service in project.Services)
        {
            // Service names win over container names (compose rejects a clash; the model may still hold one).
            if (service.ContainerName is { } containerName && containerName.Value.Length > 0 && !_byDnsName.ContainsKey(containerName.Value))
                _byDnsName[containerName.Value] = service;
            foreach (var network in service.Networks)
            {
                foreach (var alias in network.Aliases)
                {
                    if (alias.Length > 0)
                        Add(_aliases, alias, (service, network.Name));
                }
            }
        }
    }

    /// <summary>
    /// Kept per project instance: the compose analyzer's CG3xxx rules and the C# literal analyzer get the same loaded
    /// project (<see cref="Pipeline.ProjectLoadCache"/>), so a build makes the model once for both.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ComposeProject, ReachabilityModel> Models = new();

    /// <summary>The model of <paramref name="project"/>, built on first use (read-only afterwards, so safe to share).</summary>
    public static ReachabilityModel For(ComposeProject project) => Models.GetValue(project, static p => new ReachabilityModel(p));

    public ComposeProject Project => _project;

    /// <summary>The service of that name (exact, as compose keys are), or null.</summary>
    public Service? Service(string name) => _byName.TryGetValue(name, out var service) ? service : null;

    public NetworkAttachment AttachmentOf(Service service) => _attachment.TryGetValue(service.Name, out var attachment) ? attachment : NetworkAttachment.Unknown;

    /// <summary>
    /// The network keys the service's container is on: its own (or <c>default</c>), or those of the service whose
    /// stack it shares (<c>network_mode: service:X</c>); empty for host, none, bridge and unknown modes.
    /// </summary>
    public EquatableArray<string> NetworksOf(Service service) => _networks.TryGetValue(service.Name, out var networks) ? networks : EquatableArray<string>.Empty;

    /// <summary>The service whose network stack this one runs in: itself, or X for <c>network_mode: service:X</c> (followed to the end).</summary>
    public Service StackOwnerOf(Service service) => _stackOwner.TryGetValue(service.Name, out var owner) ? owner : service;

    /// <summary>Every service in the same network stack (they share <c>localhost</c> and ports).</summary>
    public IReadOnlyList<Service> StackMembersOf(Service service)
        => _stackMembers.TryGetValue(StackOwnerOf(service).Name, out var members) ? members : new[] { service };

    /// <summary>True when two services share at least one network (the same network stack counts).</summary>
    public bool ShareNetwork(Service a, Service b)
    {
        if (StackOwnerOf(a).Name == StackOwnerOf(b).Name && AttachmentOf(StackOwnerOf(a)) != NetworkAttachment.Unknown)
            return true;
        return _networkIds.TryGetValue(a.Name, out var left) && _networkIds.TryGetValue(b.Name, out var right) && left.Overlaps(right);
    }

    /// <summary>The network definition of a key (null for an undeclared <c>default</c> or an undefined network).</summary>
    public NetworkDefinition? Network(string key) => _definitions.TryGetValue(key, out var network) ? network : null;

    /// <summary>True when the service is attached to networks and every one of them is <c>internal: true</c>.</summary>
    public bool IsInternalOnly(Service service)
    {
        if (AttachmentOf(service) != NetworkAttachment.Networks)
            return false;
        var networks = NetworksOf(service);
        if (networks.IsEmpty)
            return false;
        foreach (var network in networks)
        {
            if (Network(network) is not { Internal: true })
                return false;
        }

        return true;
    }

    /// <summary>True when the service's stack is on a network declared <c>external: true</c> (shared with other projects).</summary>
    public bool IsOnExternalNetwork(Service service)
    {
        foreach (var network in NetworksOf(service))
        {
            if (Network(network) is { External: true })
                return true;
        }

        return false;
    }

    /// <summary>The services whose <c>hostname:</c> is <paramref name="name"/>.</summary>
    public IReadOnlyList<Service> ServicesWithHostname(string name)
        => _hostnames.TryGetValue(name, out var services) ? services : Array.Empty<Service>();

    /// <summary>What <paramref name="name"/> means when service <paramref name="from"/> connects to it.</summary>
    public NameResolution Resolve(Service from, string name)
    {
        if (name.Length == 0)
            return Result(NameResolutionKind.Unknown);
        if (HostNames.IsIpLiteral(name))
            return Result(NameResolutionKind.IpLiteral);
        if (HostNames.IsWellKnown(name))
            return Result(NameResolutionKind.WellKnown);

        foreach (var link in from.ExternalLinks)
        {
            if (Names.Equals(link.Service, name) || (link.Alias is not null && Names.Equals(link.Alias, name)))
                return Result(NameResolutionKind.ExternalLink);
        }

        foreach (var link in from.Links)
        {
            if (link.Alias is not null && Names.Equals(link.Alias, name) && Service(link.Service) is { } linked)
                return Reach(from, linked, NameResolutionKind.LinkAlias);
        }

        var fromAttachment = AttachmentOf(StackOwnerOf(from));
        if (fromAttachment == NetworkAttachment.Unknown)
            return Result(NameResolutionKind.Indeterminate);

        if (ServiceNamed(name) is { } target)
            return Reach(from, target, NameResolutionKind.Service);

        if (_aliases.TryGetValue(name, out var aliases))
        {
            if (fromAttachment is not NetworkAttachment.Networks and not NetworkAttachment.ServiceStack)
                return Result(NameResolutionKind.FromOutsideNetworks, aliases[0].Service);
            var fromIds = _networkIds.TryGetValue(from.Name, out var ids) ? ids : new HashSet<string>();
            foreach (var (service, network) in aliases)
            {
                if (fromIds.Contains(NetworkId(network)))
                    return Result(NameResolutionKind.NetworkAlias, service, new[] { network }.ToEquatableArray());
            }

            var declaredOn = new List<string>();
            foreach (var (service, network) in aliases)
            {
                if (service.Name == aliases[0].Service.Name && !declaredOn.Contains(network))
                    declaredOn.Add(network);
            }

            return Result(NameResolutionKind.AliasOnOtherNetwork, aliases[0].Service, declaredOn.ToEquatableArray());
        }

        if (_hostnames.TryGetValue(name, out var withHostname))
        {
            var owner = StackOwnerOf(from);
            foreach (var service in withHostname)
            {
                if (StackOwnerOf(service).Name == owner.Name)
                    return Result(NameResolutionKind.OwnHostname, service);
            }

            return Result(NameResolutionKind.Hostname, withHostname[0]);
        }

        if (name.IndexOf('.') >= 0)
            return Result(NameResolutionKind.ExternalDns);
        if (IsOnExternalNetwork(from))
            return Result(NameResolutionKind.ExternalNetwork);
        return Result(NameResolutionKind.Unknown);
    }

    /// <summary>
    /// The closest known name (service, <c>container_name</c>, network alias, or a link alias of <paramref name="from"/>)
    /// to a name that does not resolve, when it is close enough to be a typo.
    /// </summary>
    public string? Suggest(Service from, string name)
    {
        string? global;
        lock (_suggestions)
        {
            if (!_suggestions.TryGetValue(name, out global))
            {
                _suggestionNames ??= BuildSuggestionNames();
                _suggestions[name] = global = NameSuggestion.Closest(name, Near(_suggestionNames, name));
            }
        }

        var candidates = new List<string>();
        if (global is not null)
            candidates.Add(global);
        foreach (var link in from.Links)
        {
            if (link.Alias is not null)
                candidates.Add(link.Alias);
        }

        return candidates.Count == 0 ? null : NameSuggestion.Closest(name, Near(candidates, name));
    }

    /// <summary>Candidates whose length is within three of the name: the only ones <see cref="NameSuggestion"/> can accept.</summary>
    private static IEnumerable<string> Near(List<string> candidates, string name)
    {
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - name.Length) <= 3)
                yield return candidate;
        }
    }

    private List<string> BuildSuggestionNames()
    {
        var names = new List<string>();
        var seen = new HashSet<string>(Names);
        foreach (var service in _project.Services)
        {
            if (seen.Add(service.Name))
                names.Add(service.Name);
            if (service.ContainerName is { } containerName && containerName.Value.Length > 0 && seen.Add(containerName.Value))
                names.Add(containerName.Value);
        }

        foreach (var alias in _aliases.Keys)
        {
            if (seen.Add(alias))
                names.Add(alias);
        }

        return names;
    }

    private NameResolution Reach(Service from, Service target, NameResolutionKind kind)
    {
        var fromAttachment = AttachmentOf(StackOwnerOf(from));
        if (fromAttachment == NetworkAttachment.Unknown)
            return Result(NameResolutionKind.Indeterminate, target);
        var targetAttachment = AttachmentOf(target);
        if (targetAttachment == NetworkAttachment.ServiceStack)
            return Result(NameResolutionKind.TargetInOtherStack, target);
        if (targetAttachment is NetworkAttachment.Host or NetworkAttachment.None or NetworkAttachment.Bridge)
            return Result(NameResolutionKind.TargetOutsideNetworks, target);
        if (targetAttachment == NetworkAttachment.Unknown)
            return Result(NameResolutionKind.Indeterminate, target);
        if (fromAttachment is NetworkAttachment.Host or NetworkAttachment.None or NetworkAttachment.Bridge)
            return Result(NameResolutionKind.FromOutsideNetworks, target);

        if (StackOwnerOf(from).Name == target.Name)
            return Result(kind, target, NetworksOf(target));
        var shared = new List<string>();
        var fromIds = _networkIds.TryGetValue(from.Name, out var ids) ? ids : new HashSet<string>();
        foreach (var network in NetworksOf(target))
        {
            if (fromIds.Contains(NetworkId(network)))
                shared.Add(network);
        }

        return shared.Count == 0
            ? Result(NameResolutionKind.NoSharedNetwork, target)
            : Result(kind, target, shared.ToEquatableArray());
    }

    /// <summary>The service a name means on a network: service name, container_name, or generated <c>project-service-N</c>.</summary>
    private Service? ServiceNamed(string name)
        => _byDnsName.TryGetValue(name, out var service) ? service : GeneratedContainerName(name);

    /// <summary><c>{project}-{service}-{n}</c> (compose v2) or <c>{project}_{service}_{n}</c> (v1): the container names compose generates.</summary>
    private Service? GeneratedContainerName(string name)
    {
        var project = _project.Name;
        if (project.Length == 0 || name.Length < project.Length + 4 || !name.StartsWith(project, StringComparison.OrdinalIgnoreCase))
            return null;
        var separator = name[project.Length];
        if (separator is not ('-' or '_'))
            return null;
        var last = name.LastIndexOf(separator);
        if (last <= project.Length + 1 || !int.TryParse(name.Substring(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return null;
        var serviceName = name.Substring(project.Length + 1, last - project.Length - 1);
        return _byServiceName.TryGetValue(serviceName, out var service) ? service : null;
    }

    private static NameResolution Result(NameResolutionKind kind, Service? target = null, EquatableArray<string> networks = default)
        => new(kind, target, networks);

    private string NetworkId(string key) => _networkIdOfKey.TryGetValue(key, out var id) ? id : "key:" + key;

    private static EquatableArray<string> OwnNetworks(Service service)
    {
        if (service.Networks.IsEmpty)
            return new[] { "default" }.ToEquatableArray();
        var names = new List<string>();
        foreach (var network in service.Networks)
        {
            if (!names.Contains(network.Name))
                names.Add(network.Name);
        }

        return names.ToEquatableArray();
    }

    private NetworkAttachment Classify(Service service)
    {
        var mode = service.NetworkMode?.Value.Trim();
        if (mode is null || mode.Length == 0)
            return NetworkAttachment.Networks;
        if (mode == "none")
            return NetworkAttachment.None;
        if (mode == "host")
            return NetworkAttachment.Host;
        if (mode == "bridge")
            return NetworkAttachment.Bridge;
        if (mode.StartsWith("service:", StringComparison.Ordinal))
            return _byName.ContainsKey(mode.Substring(8)) ? NetworkAttachment.ServiceStack : NetworkAttachment.Unknown;
        return NetworkAttachment.Unknown;
    }

    /// <summary>
    /// Follows <c>network_mode: service:X</c> to the service that owns the stack, remembering every answer so a long
    /// chain costs linear time; a cycle makes each service on it its own owner, with an unknown mode.
    /// </summary>
    private Service StackOwner(Service service)
    {
        if (_stackOwner.TryGetValue(service.Name, out var known))
            return known;
        var path = new List<Service>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var current = service;
        Service owner;
        while (true)
        {
            if (_stackOwner.TryGetValue(current.Name, out var found))
            {
                owner = found;
                break;
            }

            if (_attachment[current.Name] != NetworkAttachment.ServiceStack)
            {
                owner = current;
                break;
            }

            if (!onPath.Add(current.Name))
            {
                foreach (var member in path)
                {
                    _attachment[member.Name] = NetworkAttachment.Unknown;
                    _stackOwner[member.Name] = member;
                }

                return _stackOwner[service.Name];
            }

            path.Add(current);
            current = _byName[current.NetworkMode!.Value.Trim().Substring(8)];
        }

        foreach (var member in path)
            _stackOwner[member.Name] = owner;
        _stackOwner[service.Name] = owner;
        return owner;
    }

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T item)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = new List<T>();
        list.Add(item);
    }
}
