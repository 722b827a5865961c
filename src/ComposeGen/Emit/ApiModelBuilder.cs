using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Emit;

/// <summary>
/// Decides what the generated API contains: the services (through <see cref="ApiServiceBuilder"/>), networks,
/// volumes, secrets and configs with their identifiers. Pure: a compose model in, an emit model out.
/// </summary>
internal static class ApiModelBuilder
{
    public static ApiProject Build(ComposeProject project, string @namespace, string? dotEnvPath, string composeDirectory, bool emitConfigurationExtensions)
    {
        var serviceBuilder = ApiServiceBuilder.For(project, composeDirectory);
        var services = project.Services.Map(serviceBuilder.Build);

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
                definition is null ? null : serviceBuilder.Source(definition.Origin.Key));
        }).ToEquatableArray();

        var volumeNames = Identifiers.Assign(project.Volumes.Select(v => v.Name), new[] { "All", "Volumes", "Name", "DockerName", "External", "Services" }, "Volume");
        var volumeMembers = MembersByKey(project.Services, s => s.Volumes.Where(v => v.Type == VolumeMountType.Volume && v.Source is not null).Select(v => v.Source!));
        var volumes = project.Volumes.Select(volume => new ApiVolume(
            volume.Name,
            volumeNames[volume.Name],
            DockerName(project, volume.Name, volume.DockerName, volume.External),
            volume.External,
            Members(volumeMembers, volume.Name),
            serviceBuilder.Source(volume.Origin.Key))).ToEquatableArray();

        return new ApiProject(
            @namespace,
            ApiValue.Literal(project.Name),
            dotEnvPath,
            composeDirectory,
            emitConfigurationExtensions,
            services,
            networks,
            volumes,
            FileObjects(project.Secrets, "Secrets", composeDirectory, serviceBuilder.Source),
            FileObjects(project.Configs, "Configs", composeDirectory, serviceBuilder.Source));
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
}
