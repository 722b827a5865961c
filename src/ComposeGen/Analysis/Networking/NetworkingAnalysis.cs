using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ComposeGen.Model;

namespace ComposeGen.Analysis.Networking;

/// <summary>Where in a service a host reference was written.</summary>
public enum ReferenceSource
{
    Environment,
    Command,
    Entrypoint,
    Healthcheck,
}

/// <summary>
/// A host reference found in a service's configuration, with what its name resolves to from that service.
/// </summary>
/// <param name="Value">The scalar that holds the reference.</param>
/// <param name="PrefixLength">Characters of <paramref name="Value"/>'s node before the value (<c>NAME=</c> in a list-form environment).</param>
/// <param name="VariableName">The environment variable, for <see cref="ReferenceSource.Environment"/>.</param>
/// <param name="PortValue">The sibling variable holding the port (<c>DB_PORT</c> for <c>DB_HOST</c>), when it came from one.</param>
public sealed record ServiceHostReference(
    Service Service,
    HostReference Reference,
    ScalarValue Value,
    int PrefixLength,
    ReferenceSource Source,
    string? VariableName,
    ScalarValue? PortValue,
    int PortPrefixLength,
    NameResolution Resolution)
{
    /// <summary>The host (and port, when written with it) in the file; the whole value when it cannot be mapped exactly.</summary>
    public SourceSpan HostSpan => ValueLocation.Locate(Value, Reference.Offset, Reference.Length, PrefixLength);

    /// <summary>The port in the file: its digits, the sibling port variable's value, or the host when the port is implied.</summary>
    public SourceSpan PortSpan
        => Reference.PortOffset >= 0 ? ValueLocation.Locate(Value, Reference.PortOffset, Reference.PortLength, PrefixLength)
            : PortValue is not null ? ValueLocation.LocateWhole(PortValue, PortPrefixLength)
            : HostSpan;
}

/// <summary>
/// Everything the CG3xxx rules share, computed once per project (and cached per project instance, so
/// the nine rules do not each rebuild it): the reachability model, the listening ports and every host
/// reference in environment, command, entrypoint and healthcheck, resolved.
/// </summary>
public sealed class NetworkingAnalysis
{
    private static readonly ConditionalWeakTable<ComposeProject, NetworkingAnalysis> Cache = new();

    private NetworkingAnalysis(ComposeProject project)
    {
        Model = ReachabilityModel.For(project);
        Ports = new ListeningPorts(Model);
        var references = new List<ServiceHostReference>();
        foreach (var service in project.Services)
            Collect(service, references);
        References = references;
        foreach (var found in references)
        {
            var ownStack = found.Resolution.Target is { } target && Model.StackOwnerOf(target).Name == Model.StackOwnerOf(found.Service).Name;
            if (found.Reference.IsLoopback || (found.Resolution.Target is not null && !ownStack) || (found.Reference.IsSingleLabel && found.Resolution.Target is null))
            {
                _clientValues.Add(found.Value);
                if (found.PortValue is not null)
                    _clientValues.Add(found.PortValue);
            }
        }
    }

    private readonly HashSet<ScalarValue> _clientValues = new(ReferenceComparer.Instance);

    /// <summary>
    /// True for a value that configures a client — it refers to another service, to an unknown name or to localhost,
    /// or it is the port variable of such a reference — so a port number in it says nothing about what its own
    /// service listens on. (<c>KAFKA_LISTENERS=PLAINTEXT://0.0.0.0:29092</c> does say it.)
    /// </summary>
    public bool IsClientValue(ScalarValue value) => _clientValues.Contains(value);

    private sealed class ReferenceComparer : IEqualityComparer<ScalarValue>
    {
        public static readonly ReferenceComparer Instance = new();

        public bool Equals(ScalarValue? x, ScalarValue? y) => ReferenceEquals(x, y);

        public int GetHashCode(ScalarValue obj) => RuntimeHelpers.GetHashCode(obj);
    }

    public static NetworkingAnalysis For(ComposeProject project) => Cache.GetValue(project, p => new NetworkingAnalysis(p));

    public ReachabilityModel Model { get; }

    internal ListeningPorts Ports { get; }

    public IReadOnlyList<ServiceHostReference> References { get; }

    public StackPorts PortsOf(Service service) => Ports.Of(service);

    private void Collect(Service service, List<ServiceHostReference> into)
    {
        Dictionary<string, EnvironmentVariable>? variables = null;
        foreach (var variable in service.Environment)
        {
            if (variable.Value is not { } value || !HostReferenceExtractor.MayContainHost(value.Value, variable.Name))
                continue;
            if (variables is null)
            {
                variables = new Dictionary<string, EnvironmentVariable>(StringComparer.Ordinal);
                foreach (var other in service.Environment)
                    variables[other.Name] = other;
            }

            var lookup = variables;
            var references = HostReferenceExtractor.Extract(value.Value, variable.Name, name => lookup.TryGetValue(name, out var v) ? v.Value?.Value : null);
            foreach (var reference in references)
            {
                ScalarValue? portValue = null;
                var portPrefix = 0;
                if (reference.PortVariable is { } portName && variables.TryGetValue(portName, out var portVariable) && portVariable.Value is not null)
                {
                    portValue = portVariable.Value;
                    portPrefix = PrefixOf(portVariable);
                }

                into.Add(Make(service, reference, value, PrefixOf(variable), ReferenceSource.Environment, variable.Name, portValue, portPrefix));
            }
        }

        CollectCommand(service, service.Command, ReferenceSource.Command, into);
        CollectCommand(service, service.Entrypoint, ReferenceSource.Entrypoint, into);
        if (service.Healthcheck is { Disable: false } healthcheck)
            CollectCommand(service, healthcheck.Test, ReferenceSource.Healthcheck, into);
    }

    private void CollectCommand(Service service, CommandLine? line, ReferenceSource source, List<ServiceHostReference> into)
    {
        if (line is null)
            return;
        if (line.ShellForm is { } shell)
            CollectValue(service, shell, source, into);
        foreach (var item in line.ExecForm)
            CollectValue(service, item, source, into);
    }

    private void CollectValue(Service service, ScalarValue value, ReferenceSource source, List<ServiceHostReference> into)
    {
        if (!HostReferenceExtractor.MayContainHost(value.Value))
            return;
        foreach (var reference in HostReferenceExtractor.Extract(value.Value))
            into.Add(Make(service, reference, value, 0, source, null, null, 0));
    }

    private ServiceHostReference Make(Service service, HostReference reference, ScalarValue value, int prefix, ReferenceSource source, string? variable, ScalarValue? portValue, int portPrefix)
        => new(service, reference, value, prefix, source, variable, portValue, portPrefix, Model.Resolve(service, reference.Host));

    /// <summary>In list form (<c>- NAME=value</c>) the value shares the item's node, after <c>NAME=</c>; in mapping form it has its own node.</summary>
    private static int PrefixOf(EnvironmentVariable variable)
        => variable.Value is { } value && variable.Origin.Key == value.Span ? variable.Name.Length + 1 : 0;
}
