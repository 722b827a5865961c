using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ComposeGen.Emit;
using ComposeGen.Model;

namespace ComposeGen.Analysis.Networking;

/// <summary>
/// What ports a network stack (a service and the services that share its stack through
/// <c>network_mode: service:X</c>) is known to listen on: its declared <c>expose</c> and <c>ports</c> container
/// ports, and the default ports of well-known images (ComposeGen's image families, SPEC §5).
/// </summary>
public sealed class StackPorts
{
    internal StackPorts(Service owner, SortedSet<int> declared, SortedDictionary<int, string> imageDefaults, Dictionary<int, List<int>> published, List<Service> members)
    {
        Owner = owner;
        Declared = declared;
        ImageDefaults = imageDefaults;
        Published = published;
        Members = members;
    }

    public Service Owner { get; }

    /// <summary>Container ports from <c>expose</c> and <c>ports</c>.</summary>
    public SortedSet<int> Declared { get; }

    /// <summary>Ports the images of the stack listen on by default, with the image family that says so.</summary>
    public SortedDictionary<int, string> ImageDefaults { get; }

    /// <summary>Host port → the container ports published on it.</summary>
    public Dictionary<int, List<int>> Published { get; }

    public IReadOnlyList<Service> Members { get; }

    /// <summary>True when anything is known: otherwise a port check must stay silent.</summary>
    public bool IsKnown => Declared.Count > 0 || ImageDefaults.Count > 0;

    public bool ListensOn(int port) => Declared.Contains(port) || ImageDefaults.ContainsKey(port);

    /// <summary>All known ports in order, for messages.</summary>
    public IReadOnlyList<int> All => Declared.Union(ImageDefaults.Keys).OrderBy(p => p).ToList();

    /// <summary>
    /// True when the stack's own configuration (environment values, command, entrypoint) mentions the port as a
    /// number: <c>PGPORT=5433</c>, <c>command: postgres -p 5433</c>, <c>KAFKA_LISTENERS=PLAINTEXT://:29092</c>,
    /// <c>ASPNETCORE_URLS=http://+:8080</c>. Such a port is taken as one the stack listens on, undeclared.
    /// </summary>
    /// <param name="port">The port.</param>
    /// <param name="skip">Values not to count: those that configure a client (they hold a reference to another service or to localhost, or its port).</param>
    public bool IsMentioned(int port, Func<ScalarValue, bool>? skip = null)
    {
        skip ??= _ => false;
        var digits = port.ToString(CultureInfo.InvariantCulture);
        foreach (var member in Members)
        {
            foreach (var variable in member.Environment)
            {
                if (variable.Value is { } value && !skip(value) && ContainsNumber(value.Value, digits))
                    return true;
            }

            foreach (var line in new[] { member.Command, member.Entrypoint })
            {
                if (line is null)
                    continue;
                if (line.ShellForm is { } shell && !skip(shell) && ContainsNumber(shell.Value, digits))
                    return true;
                foreach (var item in line.ExecForm)
                {
                    if (!skip(item) && ContainsNumber(item.Value, digits))
                        return true;
                }
            }
        }

        return false;
    }

    private static bool ContainsNumber(string text, string digits)
    {
        for (var at = text.IndexOf(digits, StringComparison.Ordinal); at >= 0; at = text.IndexOf(digits, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsDigit(text[at - 1]);
            var after = at + digits.Length >= text.Length || !char.IsDigit(text[at + digits.Length]);
            if (before && after)
                return true;
        }

        return false;
    }

    /// <summary>"[5432]" or "[80, 443]", with where the image defaults come from.</summary>
    public string Describe()
    {
        var ports = "[" + string.Join(", ", All.Select(p => p.ToString(CultureInfo.InvariantCulture))) + "]";
        var fromImages = ImageDefaults.Where(d => !Declared.Contains(d.Key)).Select(d => d.Value).Distinct().ToList();
        if (fromImages.Count == 0)
            return ports;
        return Declared.Count == 0
            ? $"{ports} (the {string.Join(" and ", fromImages)} image's default{(ImageDefaults.Count > 1 ? "s" : "")})"
            : $"{ports} (with the {string.Join(" and ", fromImages)} image's default{(fromImages.Count > 1 ? "s" : "")})";
    }
}

/// <summary>The <see cref="StackPorts"/> of every stack of a project, and which stacks listen on a port.</summary>
internal sealed class ListeningPorts
{
    /// <summary>Ports the images of a family listen on besides <see cref="ImageFamily.DefaultPort"/> (management UIs, cluster ports).</summary>
    private static readonly Dictionary<string, int[]> ExtraPorts = new(StringComparer.Ordinal)
    {
        ["rabbitmq"] = new[] { 5671, 15672, 15671, 15692, 25672, 4369, 61613, 1883 },
        ["mysql"] = new[] { 33060 },
        ["elasticsearch"] = new[] { 9300 },
        ["opensearch"] = new[] { 9300, 9600 },
        ["minio"] = new[] { 9001 },
        ["azurite"] = new[] { 10001, 10002 },
        ["nats"] = new[] { 6222, 8222 },
        ["seq"] = new[] { 80, 443 },
        ["kafka"] = new[] { 9093 },
    };

    private readonly Dictionary<string, StackPorts> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<StackPorts>> _byPort = new();
    private readonly ReachabilityModel _model;

    public ListeningPorts(ReachabilityModel model)
    {
        _model = model;
        foreach (var service in model.Project.Services)
        {
            var owner = model.StackOwnerOf(service);
            if (_byOwner.ContainsKey(owner.Name))
                continue;
            var members = model.StackMembersOf(service).ToList();
            var declared = new SortedSet<int>();
            var defaults = new SortedDictionary<int, string>();
            var published = new Dictionary<int, List<int>>();
            foreach (var member in members)
            {
                foreach (var port in member.Expose)
                    declared.Add(port.Port);
                foreach (var mapping in member.Ports)
                {
                    declared.Add(mapping.Target);
                    if (mapping.Published is { } host)
                    {
                        if (!published.TryGetValue(host, out var targets))
                            published[host] = targets = new List<int>();
                        targets.Add(mapping.Target);
                    }
                }

                // With a build, `image:` only names the result: it says nothing about what runs.
                if (member.Build is null && ImageFamilies.Find(member.Image?.Value) is { } family)
                {
                    defaults[family.DefaultPort] = family.Name;
                    if (ExtraPorts.TryGetValue(family.Name, out var extra))
                    {
                        foreach (var port in extra)
                        {
                            if (!defaults.ContainsKey(port))
                                defaults[port] = family.Name;
                        }
                    }
                }
            }

            var ports = new StackPorts(owner, declared, defaults, published, members);
            _byOwner[owner.Name] = ports;
            foreach (var port in declared.Union(defaults.Keys))
            {
                if (!_byPort.TryGetValue(port, out var stacks))
                    _byPort[port] = stacks = new List<StackPorts>();
                stacks.Add(ports);
            }
        }
    }

    public StackPorts Of(Service service)
        => _byOwner.TryGetValue(_model.StackOwnerOf(service).Name, out var ports)
            ? ports
            : new StackPorts(service, new SortedSet<int>(), new SortedDictionary<int, string>(), new Dictionary<int, List<int>>(), new List<Service> { service });

    /// <summary>The stacks known to listen on a port (declared or image default), in declaration order.</summary>
    public IReadOnlyList<StackPorts> ListeningOn(int port)
        => _byPort.TryGetValue(port, out var stacks) ? stacks : Array.Empty<StackPorts>();
}
