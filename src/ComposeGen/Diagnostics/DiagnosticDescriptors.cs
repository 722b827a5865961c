using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ComposeGen.Diagnostics;

/// <summary>
/// Every diagnostic ComposeGen reports, in one place (SPEC §6). Messages are computed by the rules
/// (they name the services, networks and files involved), so each descriptor's format is "{0}".
/// </summary>
public static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/ComposeGen/ComposeGen/blob/main/docs/rules/";

    private const string Syntax = "ComposeGen.Syntax";
    private const string References = "ComposeGen.References";
    private const string Networking = "ComposeGen.Networking";
    private const string Practices = "ComposeGen.Practices";
    private const string Code = "ComposeGen.Code";

    public static readonly DiagnosticDescriptor YamlSyntax = Create(DiagnosticIds.YamlSyntax, "YAML syntax error or not a compose document", Syntax, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor InvalidValue = Create(DiagnosticIds.InvalidValue, "A field has the wrong type or an invalid value", Syntax, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UnknownKey = Create(DiagnosticIds.UnknownKey, "Unknown key", Syntax, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor Interpolation = Create(DiagnosticIds.Interpolation, "Variable without a value, or invalid interpolation", Syntax, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor ObsoleteVersion = Create(DiagnosticIds.ObsoleteVersion, "The top-level 'version' is obsolete", Syntax, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor SafetyLimit = Create(DiagnosticIds.SafetyLimit, "Input exceeds a safety limit", Syntax, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UndefinedVolume = Create(DiagnosticIds.UndefinedVolume, "Service uses an undefined named volume", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UndefinedNetwork = Create(DiagnosticIds.UndefinedNetwork, "Service uses an undefined network", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UndefinedSecretOrConfig = Create(DiagnosticIds.UndefinedSecretOrConfig, "Service uses an undefined secret or config", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor UndefinedService = Create(DiagnosticIds.UndefinedService, "Reference to an undefined service", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DependencyCycle = Create(DiagnosticIds.DependencyCycle, "depends_on cycle", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor HealthyWithoutHealthcheck = Create(DiagnosticIds.HealthyWithoutHealthcheck, "service_healthy on a service without a healthcheck", References, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UnusedResource = Create(DiagnosticIds.UnusedResource, "Declared volume, network, secret or config is never used", References, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor ExtendsOrIncludeProblem = Create(DiagnosticIds.ExtendsOrIncludeProblem, "extends target missing, or an extends / include cycle", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor NetworkModeWithNetworks = Create(DiagnosticIds.NetworkModeWithNetworks, "network_mode together with networks", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor NoImageOrBuild = Create(DiagnosticIds.NoImageOrBuild, "Service with neither image nor build", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DuplicateContainerName = Create(DiagnosticIds.DuplicateContainerName, "Duplicate container_name, or container_name with replicas", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DuplicateMountTarget = Create(DiagnosticIds.DuplicateMountTarget, "Two mounts with the same target path", References, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor DependencyDisabledByProfile = Create(DiagnosticIds.DependencyDisabledByProfile, "A required dependency is disabled by profiles", References, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnreachableHost = Create(DiagnosticIds.UnreachableHost, "Referenced service shares no network", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UnknownHost = Create(DiagnosticIds.UnknownHost, "Referenced host is no name compose resolves", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor WrongPort = Create(DiagnosticIds.WrongPort, "Referenced port is not one the target listens on", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor TargetWithoutNetwork = Create(DiagnosticIds.TargetWithoutNetwork, "Referenced service has network_mode none or host", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DuplicatePublishedPort = Create(DiagnosticIds.DuplicatePublishedPort, "The same host port is published twice", Networking, DiagnosticSeverity.Error);
    public static readonly DiagnosticDescriptor LocalhostToReachService = Create(DiagnosticIds.LocalhostToReachService, "localhost used inside a container to reach another service", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor PortsUnderHostNetwork = Create(DiagnosticIds.PortsUnderHostNetwork, "ports under network_mode: host are ignored", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor AddressedByHostname = Create(DiagnosticIds.AddressedByHostname, "Service addressed by its hostname value", Networking, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor PortsOnInternalNetworkOnly = Create(DiagnosticIds.PortsOnInternalNetworkOnly, "Ports published by a service only on internal networks", Networking, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor StatefulWithoutVolume = Create(DiagnosticIds.StatefulWithoutVolume, "Stateful image without a volume on its data directory", Practices, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor DatabaseBindMount = Create(DiagnosticIds.DatabaseBindMount, "Bind mount for a database data directory", Practices, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor NodeModulesShadowed = Create(DiagnosticIds.NodeModulesShadowed, "Bind-mounted app directory hides node_modules", Practices, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor DataPortOnAllInterfaces = Create(DiagnosticIds.DataPortOnAllInterfaces, "Data service port published on all interfaces", Practices, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor PlaintextSecret = Create(DiagnosticIds.PlaintextSecret, "Plaintext secret in environment", Practices, DiagnosticSeverity.Info);
    public static readonly DiagnosticDescriptor DangerousPrivilege = Create(DiagnosticIds.DangerousPrivilege, "Docker socket, privileged mode or host networking", Practices, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UnpinnedImage = Create(DiagnosticIds.UnpinnedImage, "Image without a tag or with :latest", Practices, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor UnknownHostInCode = Create(DiagnosticIds.UnknownHostInCode, "String names a host that is not in the compose model", Code, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UnreachableHostInCode = Create(DiagnosticIds.UnreachableHostInCode, "String names a service this project cannot reach", Code, DiagnosticSeverity.Warning);
    public static readonly DiagnosticDescriptor UseGeneratedMember = Create(DiagnosticIds.UseGeneratedMember, "String duplicates a generated member", Code, DiagnosticSeverity.Info);

    /// <summary>The compose-file diagnostics (CG1xxx–CG4xxx), by ID.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ComposeRules = new[]
    {
        YamlSyntax, InvalidValue, UnknownKey, Interpolation, ObsoleteVersion, SafetyLimit,
        UndefinedVolume, UndefinedNetwork, UndefinedSecretOrConfig, UndefinedService, DependencyCycle, HealthyWithoutHealthcheck,
        UnusedResource, ExtendsOrIncludeProblem, NetworkModeWithNetworks, NoImageOrBuild, DuplicateContainerName, DuplicateMountTarget,
        DependencyDisabledByProfile,
        UnreachableHost, UnknownHost, WrongPort, TargetWithoutNetwork, DuplicatePublishedPort, LocalhostToReachService,
        PortsUnderHostNetwork, AddressedByHostname, PortsOnInternalNetworkOnly,
        StatefulWithoutVolume, DatabaseBindMount, NodeModulesShadowed, DataPortOnAllInterfaces, PlaintextSecret, DangerousPrivilege,
        UnpinnedImage,
    }.ToImmutableDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> All => ComposeRules.Values.Concat(new[] { UnknownHostInCode, UnreachableHostInCode, UseGeneratedMember }).OrderBy(d => d.Id);

    private static DiagnosticDescriptor Create(string id, string title, string category, DiagnosticSeverity severity)
        => new(id, title, "{0}", category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md", customTags: id.StartsWith("CG5", System.StringComparison.Ordinal) ? new string[0] : new[] { WellKnownDiagnosticTags.CompilationEnd });
}
