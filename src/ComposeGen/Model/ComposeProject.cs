namespace ComposeGen.Model;

/// <summary>
/// A whole compose project after override files, <c>extends</c> and <c>include</c> are merged: what
/// <c>docker compose config</c> would print, with every element still pointing at the file and line
/// it came from.
/// </summary>
public sealed record ComposeProject(
    string Name,
    EquatableArray<string> Files,
    EquatableArray<Service> Services,
    EquatableArray<NetworkDefinition> Networks,
    EquatableArray<VolumeDefinition> Volumes,
    EquatableArray<FileObjectDefinition> Secrets,
    EquatableArray<FileObjectDefinition> Configs,
    EquatableArray<IncludeDefinition> Includes,
    EquatableArray<Extension> Extensions,
    ScalarValue? Version)
{
    public Service? FindService(string name)
    {
        foreach (var service in Services)
        {
            if (service.Name == name)
                return service;
        }

        return null;
    }
}

/// <summary>An <c>x-</c> field, kept as canonical JSON text so the model stays equatable.</summary>
public sealed record Extension(string Key, string Json, Origin Origin);

public sealed record NetworkDefinition(
    string Name,
    ScalarValue? DockerName,
    string? Driver,
    bool Internal,
    bool External,
    bool Attachable,
    bool EnableIpv6,
    Ipam? Ipam,
    EquatableArray<KeyValue> Labels,
    EquatableArray<Extension> Extensions,
    Origin Origin);

public sealed record Ipam(string? Driver, EquatableArray<IpamPool> Config, Origin Origin);

public sealed record IpamPool(string? Subnet, string? IpRange, string? Gateway, Origin Origin);

public sealed record VolumeDefinition(
    string Name,
    ScalarValue? DockerName,
    string? Driver,
    bool External,
    EquatableArray<KeyValue> DriverOptions,
    EquatableArray<KeyValue> Labels,
    EquatableArray<Extension> Extensions,
    Origin Origin);

/// <summary>A top-level secret or config: where its content comes from.</summary>
public sealed record FileObjectDefinition(
    string Name,
    ScalarValue? DockerName,
    ScalarValue? File,
    ScalarValue? Environment,
    ScalarValue? Content,
    bool External,
    EquatableArray<Extension> Extensions,
    Origin Origin);

public sealed record IncludeDefinition(
    EquatableArray<ScalarValue> Paths,
    ScalarValue? ProjectDirectory,
    EquatableArray<ScalarValue> EnvFiles,
    Origin Origin);

public sealed record KeyValue(string Key, ScalarValue? Value, Origin Origin);
