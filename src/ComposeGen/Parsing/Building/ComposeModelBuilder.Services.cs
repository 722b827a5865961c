using System.Collections.Generic;
using ComposeGen.Model;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Building;

internal sealed partial class ComposeModelBuilder
{
    private Service BuildService(YEntry entry, YMapping? map)
    {
        map ??= new YMapping(System.Array.Empty<YEntry>(), entry.Value.Span);
        var name = entry.Key;
        var path = new FieldPath("services.", name);
        CheckKeys(map, ComposeKeys.Service, $"service '{name}'");
        CheckUnmodelledFields(map, path);

        var deploy = map.Get("deploy") is { } deployNode ? _read.Mapping(deployNode, path.Append(".deploy")) : null;
        if (deploy is not null)
            CheckKeys(deploy, ComposeKeys.Deploy, $"deploy of service '{name}'");
        var replicas = _read.Integer(deploy?.Get("replicas"), path.Append(".deploy.replicas"), 0, int.MaxValue)
            ?? _read.Integer(map.Get("scale"), path.Append(".scale"), 0, int.MaxValue);

        return new Service(
            name,
            entry.Origin,
            _read.String(map.Get("image"), path.Append(".image")),
            BuildBuild(map.Find("build"), path),
            _read.String(map.Get("container_name"), path.Append(".container_name")),
            _read.String(map.Get("hostname"), path.Append(".hostname")),
            Ports(map.Get("ports"), path.Append(".ports")),
            Expose(map.Get("expose"), path.Append(".expose")),
            Environment(map.Get("environment"), path.Append(".environment")),
            EnvFiles(map.Get("env_file"), path.Append(".env_file")),
            Networks(map.Get("networks"), path.Append(".networks")),
            _read.String(map.Get("network_mode"), path.Append(".network_mode")),
            _read.String(map.Get("ipc"), path.Append(".ipc")),
            _read.String(map.Get("pid"), path.Append(".pid")),
            Volumes(map.Get("volumes"), path.Append(".volumes")),
            _read.Strings(map.Get("volumes_from"), path.Append(".volumes_from")).ToEquatableArray(),
            _read.Strings(map.Get("tmpfs"), path.Append(".tmpfs"), allowSingle: true).ToEquatableArray(),
            DependsOn(map.Get("depends_on"), path.Append(".depends_on")),
            Healthcheck(map.Find("healthcheck"), path.Append(".healthcheck")),
            FileReferences(map.Get("secrets"), path.Append(".secrets")),
            FileReferences(map.Get("configs"), path.Append(".configs")),
            _read.Strings(map.Get("profiles"), path.Append(".profiles")).ToEquatableArray(),
            Links(map.Get("links"), path.Append(".links")),
            Links(map.Get("external_links"), path.Append(".external_links")),
            _read.ListOrDict(map.Get("labels"), path.Append(".labels")).ToEquatableArray(),
            _read.String(map.Get("restart"), path.Append(".restart")),
            Command(map.Find("command"), path.Append(".command")),
            Command(map.Find("entrypoint"), path.Append(".entrypoint")),
            _read.String(map.Get("user"), path.Append(".user")),
            _read.Bool(map.Get("privileged"), path.Append(".privileged")) ?? false,
            _read.Strings(map.Get("cap_add"), path.Append(".cap_add")).ToEquatableArray(),
            replicas is null ? null : (int)replicas,
            Extends(map.Find("extends"), path.Append(".extends")),
            Extensions(map));
    }

    private BuildDefinition? BuildBuild(YEntry? entry, FieldPath path)
    {
        switch (entry?.Value)
        {
            case null:
            case YScalar { IsNull: true }:
                return null;
            case YScalar context:
                return new BuildDefinition(NodeReader.Scalar(context), null, null, EquatableArray<KeyValue>.Empty, EquatableArray<FileObjectReference>.Empty, entry.Origin);
            case YMapping map:
                CheckKeys(map, ComposeKeys.Build, "build");
                return new BuildDefinition(
                    _read.String(map.Get("context"), path.Append(".build.context")),
                    _read.String(map.Get("dockerfile"), path.Append(".build.dockerfile")),
                    _read.String(map.Get("target"), path.Append(".build.target")),
                    _read.ListOrDict(map.Get("args"), path.Append(".build.args")).ToEquatableArray(),
                    FileReferences(map.Get("secrets"), path.Append(".build.secrets")),
                    entry.Origin);
            default:
                _read.Invalid($"{path}.build must be a string or a mapping, not a {entry.Value.KindName}", entry.Value.Span);
                return null;
        }
    }

    private EquatableArray<PortMapping> Ports(YNode? node, FieldPath path)
    {
        var result = new List<PortMapping>();
        foreach (var item in Items(node, path))
        {
            if (item is YScalar scalar && !scalar.IsNull)
            {
                if (!PortSyntax.TryParse(scalar.Value, Origin.Of(scalar.Span), result, out var error) && !scalar.IsUnresolved)
                    _read.Invalid($"{path}: {error}", scalar.Span);
                continue;
            }

            if (_read.Mapping(item, path.Append("[]"), nullIsEmpty: false) is not { } map)
                continue;
            CheckKeys(map, ComposeKeys.PortLong, "a port");
            if (NodeReader.IsUnresolved(map.Get("target")) || NodeReader.IsUnresolved(map.Get("published")))
                continue;
            var targetText = _read.Text(map.Get("target"), path.Append(".target"));
            if (targetText is null)
            {
                _read.Invalid($"{path}: a port in long syntax needs 'target'", map.Span);
                continue;
            }

            if (!PortSyntax.TryParsePort(targetText, out var target))
            {
                _read.Invalid($"{path}.target: '{targetText}' is not a port number (1-65535)", map.Get("target")!.Span);
                continue;
            }

            var protocol = (_read.Text(map.Get("protocol"), path.Append(".protocol")) ?? "tcp").ToLowerInvariant();
            var hostIp = _read.Text(map.Get("host_ip"), path.Append(".host_ip"));
            var name = _read.Text(map.Get("name"), path.Append(".name"));
            var appProtocol = _read.Text(map.Get("app_protocol"), path.Append(".app_protocol"));
            var mode = _read.Text(map.Get("mode"), path.Append(".mode"));
            var publishedText = _read.Text(map.Get("published"), path.Append(".published"));
            var origin = Origin.Of(map.Span);
            if (string.IsNullOrEmpty(publishedText))
            {
                result.Add(new PortMapping(target, null, hostIp, protocol, name, appProtocol, mode, origin));
            }
            else if (PortSyntax.TryParseRange(publishedText!, out var start, out _))
            {
                // A published range for one target: docker picks a free port in it; the first is what clients expect.
                result.Add(new PortMapping(target, start, hostIp, protocol, name, appProtocol, mode, origin));
            }
            else
            {
                _read.Invalid($"{path}.published: '{publishedText}' is not a port number or range", map.Get("published")!.Span);
            }
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<ExposedPort> Expose(YNode? node, FieldPath path)
    {
        var result = new List<ExposedPort>();
        foreach (var item in Items(node, path))
        {
            var text = _read.Text(item, path.Append("[]"));
            if (text is null)
                continue;
            var protocol = "tcp";
            var slash = text.IndexOf('/');
            if (slash >= 0)
            {
                protocol = text.Substring(slash + 1).ToLowerInvariant();
                text = text.Substring(0, slash);
            }

            if (!PortSyntax.TryParseRange(text, out var start, out var end))
            {
                if (!NodeReader.IsUnresolved(item))
                    _read.Invalid($"{path}: '{text}' is not a port number or range", item.Span);
                continue;
            }

            for (var port = start; port <= end; port++)
                result.Add(new ExposedPort(port, protocol, Origin.Of(item.Span)));
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<EnvironmentVariable> Environment(YNode? node, FieldPath path)
    {
        var result = new List<EnvironmentVariable>();
        foreach (var variable in _read.ListOrDict(node, path))
        {
            if (variable.Key.Length == 0)
            {
                _read.Invalid($"{path}: a variable needs a name before '='", variable.Origin.Key);
                continue;
            }

            if (variable.Key.EndsWith(" ", System.StringComparison.Ordinal) || variable.Key.EndsWith("\t", System.StringComparison.Ordinal))
            {
                _read.Invalid($"environment variable {variable.Key} is declared with a trailing space", variable.Origin.Key);
                continue;
            }

            result.Add(new EnvironmentVariable(variable.Key, variable.Value, variable.Origin));
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<EnvFileReference> EnvFiles(YNode? node, FieldPath path)
    {
        var result = new List<EnvFileReference>();
        if (node is YScalar { IsNull: false } single)
            return new[] { new EnvFileReference(NodeReader.Scalar(single), true, Origin.Of(single.Span)) }.ToEquatableArray();
        foreach (var item in Items(node, path))
        {
            if (item is YScalar { IsNull: false } scalar)
            {
                result.Add(new EnvFileReference(NodeReader.Scalar(scalar), true, Origin.Of(scalar.Span)));
            }
            else if (_read.Mapping(item, path.Append("[]"), nullIsEmpty: false) is { } map)
            {
                var file = _read.String(map.Get("path"), path.Append(".path"));
                if (file is null)
                    _read.Invalid($"{path}: an env_file entry needs 'path'", map.Span);
                else
                    result.Add(new EnvFileReference(file, _read.Bool(map.Get("required"), path.Append(".required")) ?? true, Origin.Of(map.Span)));
            }
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<ServiceNetwork> Networks(YNode? node, FieldPath path)
    {
        var result = new List<ServiceNetwork>();
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                break;
            case YSequence list:
                foreach (var item in list.Items)
                {
                    var name = _read.Text(item, path.Append("[]"));
                    if (name is not null)
                        result.Add(new ServiceNetwork(name, EquatableArray<string>.Empty, null, null, null, Origin.Of(item.Span)));
                }

                break;
            case YMapping map:
                foreach (var entry in map.Entries)
                {
                    var settings = entry.Value is YScalar { IsNull: true } ? null : _read.Mapping(entry.Value, path.Append(".", entry.Key));
                    if (settings is not null)
                        CheckKeys(settings, ComposeKeys.ServiceNetwork, $"network '{entry.Key}' of a service");
                    var priority = _read.Integer(settings?.Get("priority"), path.Append(".", entry.Key, ".priority"), int.MinValue, int.MaxValue);
                    result.Add(new ServiceNetwork(
                        entry.Key,
                        _read.Strings(settings?.Get("aliases"), path.Append(".", entry.Key, ".aliases")).ConvertAll(alias => alias.Value).ToEquatableArray(),
                        _read.Text(settings?.Get("ipv4_address"), path.Append(".", entry.Key, ".ipv4_address")),
                        _read.Text(settings?.Get("ipv6_address"), path.Append(".", entry.Key, ".ipv6_address")),
                        priority is null ? null : (int)priority,
                        entry.Origin));
                }

                break;
            default:
                _read.Invalid($"{path} must be a list or a mapping, not a {node.KindName}", node.Span);
                break;
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<ServiceVolume> Volumes(YNode? node, FieldPath path)
    {
        var result = new List<ServiceVolume>();
        foreach (var item in Items(node, path))
        {
            if (item is YScalar { IsNull: false } scalar)
            {
                var volume = VolumeSyntax.Parse(scalar.Value, Origin.Of(scalar.Span), out var error);
                if (volume is null && !scalar.IsUnresolved)
                    _read.Invalid($"{path}: {error}", scalar.Span);
                else if (volume is not null)
                    result.Add(volume);
                continue;
            }

            if (_read.Mapping(item, path.Append("[]"), nullIsEmpty: false) is not { } map)
                continue;
            CheckKeys(map, ComposeKeys.VolumeLong, "a volume mount");
            CheckMountOptions(map);
            var typeText = _read.Text(map.Get("type"), path.Append(".type"));
            VolumeMountType? type = typeText switch
            {
                "volume" => VolumeMountType.Volume,
                "bind" => VolumeMountType.Bind,
                "tmpfs" => VolumeMountType.Tmpfs,
                "npipe" => VolumeMountType.NamedPipe,
                "image" => VolumeMountType.Image,
                "cluster" => VolumeMountType.Cluster,
                _ => null,
            };
            if (type is null)
            {
                _read.Invalid($"{path}: a volume mount needs 'type' (volume, bind, tmpfs, npipe, image or cluster){(typeText is null ? "" : $", not '{typeText}'")}", map.Get("type")?.Span ?? map.Span);
                continue;
            }

            if (NodeReader.IsUnresolved(map.Get("target")) || NodeReader.IsUnresolved(map.Get("source")))
                continue;
            var target = _read.Text(map.Get("target"), path.Append(".target"));
            if (string.IsNullOrEmpty(target))
            {
                _read.Invalid($"{path}: a volume mount needs 'target'", map.Span);
                continue;
            }

            var source = _read.Text(map.Get("source"), path.Append(".source"));
            if (type == VolumeMountType.Bind && string.IsNullOrEmpty(source))
            {
                _read.Invalid($"invalid mount config for type \"bind\": field Source must not be empty", map.Span);
                continue;
            }

            if (map.Get("tmpfs") is { } tmpfs && _read.Mapping(tmpfs, path.Append(".tmpfs")) is { } tmpfsMap && tmpfsMap.Get("size") is YScalar { IsUnresolved: false } size
                && !ScalarTypes.TryParseInteger(size.Value, out _) && !IsByteSize(size.Value))
            {
                _read.Invalid($"{path}.tmpfs.size must be a integer or a byte size (e.g. 64m), not '{size.Value}'", size.Span);
            }
            else if (map.Get("tmpfs") is YMapping sized && sized.Get("size") is YScalar negative && ScalarTypes.TryParseInteger(negative.Value, out var bytes) && bytes < 0)
            {
                _read.Invalid($"{path}.tmpfs.size must be greater than or equal to 0", negative.Span);
            }

            result.Add(new ServiceVolume(type.Value, string.IsNullOrEmpty(source) ? null : source, target!, _read.Bool(map.Get("read_only"), path.Append(".read_only")) ?? false, null, Origin.Of(map.Span)));
        }

        return result.ToEquatableArray();
    }

    private static bool IsByteSize(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        var digits = 0;
        while (digits < s.Length && char.IsDigit(s[digits]))
            digits++;
        return digits > 0 && s.Substring(digits) is "" or "b" or "k" or "kb" or "m" or "mb" or "g" or "gb";
    }

    private EquatableArray<ServiceDependency> DependsOn(YNode? node, FieldPath path)
    {
        var result = new List<ServiceDependency>();
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                break;
            case YSequence list:
                foreach (var item in list.Items)
                {
                    var name = _read.Text(item, path.Append("[]"));
                    if (name is not null)
                        result.Add(new ServiceDependency(name, "service_started", true, false, Origin.Of(item.Span)));
                }

                break;
            case YMapping map:
                foreach (var entry in map.Entries)
                {
                    var settings = _read.Mapping(entry.Value, path.Append(".", entry.Key));
                    if (settings is not null)
                        CheckKeys(settings, ComposeKeys.DependsOnLong, "a depends_on entry");
                    var condition = _read.Text(settings?.Get("condition"), path.Append(".", entry.Key, ".condition")) ?? "service_started";
                    if (condition is not ("service_started" or "service_healthy" or "service_completed_successfully"))
                    {
                        _read.Invalid($"{path}.{entry.Key}.condition must be service_started, service_healthy or service_completed_successfully, not '{condition}'", settings!.Get("condition")!.Span);
                        condition = "service_started";
                    }

                    result.Add(new ServiceDependency(
                        entry.Key,
                        condition,
                        _read.Bool(settings?.Get("required"), path.Append(".", entry.Key, ".required")) ?? true,
                        _read.Bool(settings?.Get("restart"), path.Append(".", entry.Key, ".restart")) ?? false,
                        entry.Origin));
                }

                break;
            default:
                _read.Invalid($"{path} must be a list or a mapping, not a {node.KindName}", node.Span);
                break;
        }

        return result.ToEquatableArray();
    }

    private Healthcheck? Healthcheck(YEntry? entry, FieldPath path)
    {
        if (entry is null || _read.Mapping(entry.Value, path) is not { } map)
            return null;
        CheckKeys(map, ComposeKeys.Healthcheck, "healthcheck");
        var retries = _read.Integer(map.Get("retries"), path.Append(".retries"), 0, int.MaxValue);
        return new Healthcheck(
            Command(map.Find("test"), path.Append(".test")),
            _read.Duration(map.Get("interval"), path.Append(".interval")),
            _read.Duration(map.Get("timeout"), path.Append(".timeout")),
            retries is null ? null : (int)retries,
            _read.Duration(map.Get("start_period"), path.Append(".start_period")),
            _read.Duration(map.Get("start_interval"), path.Append(".start_interval")),
            _read.Bool(map.Get("disable"), path.Append(".disable")) ?? false,
            entry.Origin);
    }

    private EquatableArray<FileObjectReference> FileReferences(YNode? node, FieldPath path)
    {
        var result = new List<FileObjectReference>();
        foreach (var item in Items(node, path))
        {
            if (item is YScalar { IsNull: false } scalar)
            {
                result.Add(new FileObjectReference(scalar.Value, null, null, null, null, Origin.Of(scalar.Span)));
                continue;
            }

            if (_read.Mapping(item, path.Append("[]"), nullIsEmpty: false) is not { } map)
                continue;
            CheckKeys(map, ComposeKeys.FileObjectReference, "a secret or config reference");
            var source = _read.Text(map.Get("source"), path.Append(".source"));
            if (source is null)
            {
                _read.Invalid($"{path}: needs 'source'", map.Span);
                continue;
            }

            var mode = _read.Integer(map.Get("mode"), path.Append(".mode"), 0, 0xFFFF);
            result.Add(new FileObjectReference(
                source,
                _read.Text(map.Get("target"), path.Append(".target")),
                _read.Text(map.Get("uid"), path.Append(".uid")),
                _read.Text(map.Get("gid"), path.Append(".gid")),
                mode is null ? null : (int)mode,
                Origin.Of(map.Span)));
        }

        return result.ToEquatableArray();
    }

    private EquatableArray<ServiceLink> Links(YNode? node, FieldPath path)
    {
        var result = new List<ServiceLink>();
        foreach (var link in _read.Strings(node, path))
        {
            var colon = link.Value.IndexOf(':');
            result.Add(colon < 0
                ? new ServiceLink(link.Value, null, Origin.Of(link.Span))
                : new ServiceLink(link.Value.Substring(0, colon), link.Value.Substring(colon + 1), Origin.Of(link.Span)));
        }

        return result.ToEquatableArray();
    }

    private CommandLine? Command(YEntry? entry, FieldPath path)
    {
        switch (entry?.Value)
        {
            case null:
            case YScalar { IsNull: true }:
                return null;
            case YScalar shell:
                return new CommandLine(NodeReader.Scalar(shell), EquatableArray<ScalarValue>.Empty, entry.Origin);
            case YSequence:
                return new CommandLine(null, _read.Strings(entry.Value, path).ToEquatableArray(), entry.Origin);
            default:
                _read.Invalid($"{path} must be a string or a list of strings, not a {entry.Value.KindName}", entry.Value.Span);
                return null;
        }
    }

    private ExtendsReference? Extends(YEntry? entry, FieldPath path)
    {
        switch (entry?.Value)
        {
            case null:
                return null;
            case YScalar { IsNull: false } service:
                return new ExtendsReference(service.Value, null, entry.Origin);
            case YMapping map:
                CheckKeys(map, ComposeKeys.Extends, "extends");
                var name = _read.Text(map.Get("service"), path.Append(".service"));
                if (name is null)
                {
                    _read.Invalid($"{path}.service is required", map.Span);
                    return null;
                }

                return new ExtendsReference(name, _read.String(map.Get("file"), path.Append(".file")), entry.Origin);
            default:
                _read.Invalid($"{path} must be a service name or a mapping with 'service' (and 'file')", entry.Value.Span);
                return null;
        }
    }

    /// <summary>The items of a list field; anything else is reported and yields nothing.</summary>
    private IReadOnlyList<YNode> Items(YNode? node, FieldPath path)
    {
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                return System.Array.Empty<YNode>();
            case YSequence sequence:
                return sequence.Items;
            default:
                _read.Invalid($"{path} must be a list, not a {node.KindName}", node.Span);
                return System.Array.Empty<YNode>();
        }
    }
}
