namespace ComposeGen.Model;

public sealed record Service(
    string Name,
    Origin Origin,
    ScalarValue? Image,
    BuildDefinition? Build,
    ScalarValue? ContainerName,
    ScalarValue? Hostname,
    EquatableArray<PortMapping> Ports,
    EquatableArray<ExposedPort> Expose,
    EquatableArray<EnvironmentVariable> Environment,
    EquatableArray<EnvFileReference> EnvFiles,
    EquatableArray<ServiceNetwork> Networks,
    ScalarValue? NetworkMode,
    ScalarValue? Ipc,
    ScalarValue? Pid,
    EquatableArray<ServiceVolume> Volumes,
    EquatableArray<ScalarValue> VolumesFrom,
    EquatableArray<ScalarValue> Tmpfs,
    EquatableArray<ServiceDependency> DependsOn,
    Healthcheck? Healthcheck,
    EquatableArray<FileObjectReference> Secrets,
    EquatableArray<FileObjectReference> Configs,
    EquatableArray<ScalarValue> Profiles,
    EquatableArray<ServiceLink> Links,
    EquatableArray<ServiceLink> ExternalLinks,
    EquatableArray<KeyValue> Labels,
    ScalarValue? Restart,
    CommandLine? Command,
    CommandLine? Entrypoint,
    ScalarValue? User,
    bool Privileged,
    EquatableArray<ScalarValue> CapAdd,
    int? Replicas,
    ExtendsReference? Extends,
    EquatableArray<Extension> Extensions)
{
    /// <summary>True when the service names no network (and no network_mode): compose attaches it to <c>default</c>.</summary>
    public bool UsesDefaultNetwork => Networks.IsEmpty && NetworkMode is null;
}

public sealed record BuildDefinition(
    ScalarValue? Context,
    ScalarValue? Dockerfile,
    ScalarValue? Target,
    EquatableArray<KeyValue> Args,
    EquatableArray<FileObjectReference> Secrets,
    Origin Origin);

/// <summary>
/// One container port and how it is published. Ranges are expanded: <c>"8000-8001:80-81"</c> gives
/// two mappings with the same origin.
/// </summary>
public sealed record PortMapping(
    int Target,
    int? Published,
    string? HostIp,
    string Protocol,
    string? Name,
    string? AppProtocol,
    string? Mode,
    Origin Origin)
{
    public bool IsPublished => Published is not null;
}

public sealed record ExposedPort(int Port, string Protocol, Origin Origin);

/// <summary>A variable in <c>environment</c>; <see cref="Value"/> is null for <c>- NAME</c> (taken from the shell).</summary>
public sealed record EnvironmentVariable(string Name, ScalarValue? Value, Origin Origin);

public sealed record EnvFileReference(ScalarValue Path, bool Required, Origin Origin);

public sealed record ServiceNetwork(
    string Name,
    EquatableArray<string> Aliases,
    string? Ipv4Address,
    string? Ipv6Address,
    int? Priority,
    Origin Origin);

public enum VolumeMountType
{
    Volume,
    Bind,
    Tmpfs,
    NamedPipe,
    Image,
    Cluster,
}

/// <summary>
/// One mount. <see cref="Source"/> is the named volume (type volume; null for an anonymous volume),
/// the host path (bind) or the pipe; it is null for tmpfs.
/// </summary>
public sealed record ServiceVolume(
    VolumeMountType Type,
    string? Source,
    string Target,
    bool ReadOnly,
    string? Mode,
    Origin Origin);

public sealed record ServiceDependency(
    string Service,
    string Condition,
    bool Required,
    bool Restart,
    Origin Origin);

public sealed record Healthcheck(
    CommandLine? Test,
    string? Interval,
    string? Timeout,
    int? Retries,
    string? StartPeriod,
    string? StartInterval,
    bool Disable,
    Origin Origin);

/// <summary>A service's use of a secret or config; <see cref="Target"/> is where it is mounted.</summary>
public sealed record FileObjectReference(
    string Source,
    string? Target,
    string? Uid,
    string? Gid,
    int? Mode,
    Origin Origin);

/// <summary><c>links: ["db:database"]</c> → Service "db", Alias "database".</summary>
public sealed record ServiceLink(string Service, string? Alias, Origin Origin);

/// <summary>
/// <c>command</c>, <c>entrypoint</c> or <c>healthcheck.test</c>: either one shell string or a list of
/// arguments. Each piece keeps its template so host references inside it can be located.
/// </summary>
public sealed record CommandLine(ScalarValue? ShellForm, EquatableArray<ScalarValue> ExecForm, Origin Origin)
{
    public bool IsShellForm => ShellForm is not null;
}

public sealed record ExtendsReference(string Service, ScalarValue? File, Origin Origin);
