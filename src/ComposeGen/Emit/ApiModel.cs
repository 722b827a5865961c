using ComposeGen.Model;

namespace ComposeGen.Emit;

// The model the emitter writes from: exactly what appears in the generated code, nothing more.
// No spans or offsets (only file names and lines for doc comments), so that an edit to a YAML
// comment leaves it equal and the emit step is skipped.

/// <summary>A string from the compose file: a literal (emitted as a constant) or a template resolved at run time.</summary>
internal sealed record ApiValue(string Text, bool IsTemplate)
{
    public static ApiValue Of(ScalarValue value)
        => value.IsLiteral ? new ApiValue(value.Template.LiteralText, false) : new ApiValue(value.Template.Raw, true);

    public static ApiValue Literal(string text) => new(text, false);
}

/// <summary>Where an element is written, for doc comments and error messages: file name relative to the compose directory, 1-based line.</summary>
internal sealed record ApiSource(string File, int Line)
{
    public override string ToString() => $"{File} line {Line}";
}

internal sealed record ApiProject(
    string Namespace,
    ApiValue ProjectName,
    string? DotEnvPath,
    string ComposeDirectory,
    bool EmitConfigurationExtensions,
    EquatableArray<ApiService> Services,
    EquatableArray<ApiNetwork> Networks,
    EquatableArray<ApiVolume> Volumes,
    EquatableArray<ApiFileObject> Secrets,
    EquatableArray<ApiFileObject> Configs);

internal sealed record ApiService(
    string Key,
    string Identifier,
    ApiSource Source,
    ApiValue? Image,
    string Host,
    EquatableArray<string> Networks,
    EquatableArray<string> Volumes,
    EquatableArray<string> DependsOn,
    EquatableArray<string> Profiles,
    EquatableArray<ApiPort> Ports,
    EquatableArray<ApiEndpoint> Endpoints,
    EquatableArray<ApiVariable> Environment,
    ApiConnection? Connection);

/// <summary>The part of a service's description that says which generated members exist (<see cref="ApiServiceBuilder.Members"/>): CG5003's view of the generated API.</summary>
internal sealed record ApiMembers(string Identifier, EquatableArray<ApiPort> Ports, EquatableArray<ApiEndpoint> Endpoints, bool HasConnection);

/// <summary>A container port; <see cref="Published"/> is null for ports only reachable inside the compose network.</summary>
internal sealed record ApiPort(int Container, int? Published, string? HostIp, string Protocol, string? Name, ApiSource Source);

/// <summary>A named way into the service: one of its ports, with the URI scheme clients use (null when it has none).</summary>
internal sealed record ApiEndpoint(string Identifier, int PortIndex, string? Scheme);

internal sealed record ApiVariable(string Key, string Identifier, ApiValue? Value, ApiSource Source);

internal sealed record ApiNetwork(string Key, string Identifier, ApiValue DockerName, bool Internal, bool External, EquatableArray<string> Services, ApiSource? Source);

internal sealed record ApiVolume(string Key, string Identifier, ApiValue DockerName, bool External, EquatableArray<string> Services, ApiSource Source);

internal sealed record ApiFileObject(string Key, string Identifier, ApiValue? DockerName, string? File, bool External, ApiSource Source);

/// <summary>
/// How to build a service's connection string: the runtime method to call, on which endpoint, with
/// which arguments. Each argument is the first non-empty of its sources, else its default.
/// </summary>
internal sealed record ApiConnection(string Method, int EndpointIndex, int HostEndpointIndex, EquatableArray<ApiArgument> Arguments, EquatableArray<int> ExtraEndpoints);

/// <summary>One argument of the runtime method, named for what it is (<c>username</c>, <c>password</c>, ...).</summary>
internal sealed record ApiArgument(string Name, EquatableArray<ApiArgumentSource> Sources, string? Default, int? DefaultFromArgument);

/// <summary>
/// One place an argument can come from: an environment variable of the service (by its generated
/// member), a secret file read at run time (container path, then host path), or a compose template.
/// </summary>
internal sealed record ApiArgumentSource(string? VariableIdentifier = null, string? SecretContainerPath = null, string? SecretHostPath = null, string? Template = null);
