using System.Collections.Generic;
using System.Linq;
using System.Text;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Building;

/// <summary>
/// Turns the merged tree of a project into the typed <see cref="ComposeProject"/>. Wrong types and
/// unknown keys become CG1002 / CG1003 on the node that has them; the element (or field) is then
/// left out and everything else is still built.
/// </summary>
internal sealed partial class ComposeModelBuilder
{
    private readonly NodeReader _read;

    private ComposeModelBuilder(List<ComposeProblem> problems) => _read = new NodeReader(problems);

    public static ComposeProject Build(YMapping root, string projectName, IReadOnlyList<string> files, List<ComposeProblem> problems)
        => new ComposeModelBuilder(problems).BuildProject(root, projectName, files);

    private ComposeProject BuildProject(YMapping root, string projectName, IReadOnlyList<string> files)
    {
        CheckKeys(root, ComposeKeys.TopLevel, "the top level");
        var version = root.Find("version");
        if (version is not null)
        {
            _read.Report(DiagnosticIds.ObsoleteVersion, ProblemSeverity.Info,
                "the top-level 'version' is obsolete: docker compose ignores it; remove it", version.KeySpan);
        }

        return new ComposeProject(
            projectName,
            files.ToEquatableArray(),
            Section(root, "services", BuildService),
            Section(root, "networks", BuildNetwork),
            Section(root, "volumes", BuildVolume),
            Section(root, "secrets", (entry, map) => BuildFileObject(entry, map, ComposeKeys.Secret, "secrets")),
            Section(root, "configs", (entry, map) => BuildFileObject(entry, map, ComposeKeys.Config, "configs")),
            BuildIncludes(root.Get("include")),
            Extensions(root),
            version is null ? null : _read.String(version.Value, "version"));
    }

    /// <summary>A top-level section: a mapping of name → definition (null definitions are empty ones).</summary>
    private EquatableArray<T> Section<T>(YMapping root, string key, System.Func<YEntry, YMapping?, T?> build)
        where T : class
    {
        var node = root.Get(key);
        if (node is null || _read.Mapping(node, key) is not { } section)
            return EquatableArray<T>.Empty;

        var result = new List<T>(section.Entries.Count);
        foreach (var entry in section.Entries)
        {
            // Inside a section every key is a resource name, "x-foo" included (compose-go's TestXService).
            YMapping? definition = null;
            if (entry.Value is not YScalar { IsNull: true })
            {
                definition = _read.Mapping(entry.Value, $"{key}.{entry.Key}");
                if (definition is null)
                    continue;
            }

            var built = build(entry, definition);
            if (built is not null)
                result.Add(built);
        }

        return result.ToEquatableArray();
    }

    private NetworkDefinition BuildNetwork(YEntry entry, YMapping? map)
    {
        var path = new FieldPath("networks.", entry.Key);
        if (map is not null)
            CheckKeys(map, ComposeKeys.Network, $"network '{entry.Key}'");
        Ipam? ipam = null;
        if (map?.Find("ipam") is { } ipamEntry && _read.Mapping(ipamEntry.Value, path.Append(".ipam")) is { } ipamMap)
        {
            var pools = new List<IpamPool>();
            if (ipamMap.Get("config") is YSequence config)
            {
                foreach (var item in config.Items)
                {
                    if (_read.Mapping(item, path.Append(".ipam.config")) is { } pool)
                        pools.Add(new IpamPool(_read.Text(pool.Get("subnet"), "subnet"), _read.Text(pool.Get("ip_range"), "ip_range"), _read.Text(pool.Get("gateway"), "gateway"), Origin.Of(pool.Span)));
                }
            }

            ipam = new Ipam(_read.Text(ipamMap.Get("driver"), path.Append(".ipam.driver")), pools.ToEquatableArray(), ipamEntry.Origin);
        }

        var (external, externalName) = External(map, path);
        var name = _read.String(map?.Get("name"), path.Append(".name")) ?? externalName;
        return new NetworkDefinition(
            entry.Key,
            name,
            _read.Text(map?.Get("driver"), path.Append(".driver")),
            _read.Bool(map?.Get("internal"), path.Append(".internal")) ?? false,
            external,
            _read.Bool(map?.Get("attachable"), path.Append(".attachable")) ?? false,
            _read.Bool(map?.Get("enable_ipv6"), path.Append(".enable_ipv6")) ?? false,
            ipam,
            _read.ListOrDict(map?.Get("labels"), path.Append(".labels")).ToEquatableArray(),
            Extensions(map),
            entry.Origin);
    }

    private VolumeDefinition BuildVolume(YEntry entry, YMapping? map)
    {
        var path = new FieldPath("volumes.", entry.Key);
        if (map is not null)
            CheckKeys(map, ComposeKeys.Volume, $"volume '{entry.Key}'");
        var (external, externalName) = External(map, path);
        return new VolumeDefinition(
            entry.Key,
            _read.String(map?.Get("name"), path.Append(".name")) ?? externalName,
            _read.Text(map?.Get("driver"), path.Append(".driver")),
            external,
            _read.ListOrDict(map?.Get("driver_opts"), path.Append(".driver_opts")).ToEquatableArray(),
            _read.ListOrDict(map?.Get("labels"), path.Append(".labels")).ToEquatableArray(),
            Extensions(map),
            entry.Origin);
    }

    private FileObjectDefinition BuildFileObject(YEntry entry, YMapping? map, HashSet<string> keys, string section)
    {
        var path = new FieldPath(section, ".", entry.Key);
        if (map is not null)
            CheckKeys(map, keys, $"{section.TrimEnd('s')} '{entry.Key}'");
        var (external, externalName) = External(map, path);
        return new FileObjectDefinition(
            entry.Key,
            _read.String(map?.Get("name"), path.Append(".name")) ?? externalName,
            _read.String(map?.Get("file"), path.Append(".file")),
            _read.String(map?.Get("environment"), path.Append(".environment")),
            _read.String(map?.Get("content"), path.Append(".content")),
            external,
            Extensions(map),
            entry.Origin);
    }

    /// <summary><c>external: true</c>, or the legacy <c>external: {name: x}</c> form.</summary>
    private (bool External, ScalarValue? Name) External(YMapping? map, FieldPath path)
    {
        var node = map?.Get("external");
        if (node is YMapping legacy)
        {
            var name = _read.String(legacy.Get("name"), path.Append(".external.name"));
            if (name is not null && map!.Get("name") is not null)
                _read.Invalid($"{path}: name and external.name conflict; only use name", legacy.Span);
            return (true, name);
        }

        var external = _read.Bool(node, path.Append(".external")) ?? false;
        if (external && map is not null)
        {
            foreach (var conflicting in new[] { "driver", "driver_opts", "labels" })
            {
                if (map.Find(conflicting) is { } entry)
                    _read.Invalid($"{path}: conflicting parameters \"external\" and \"{conflicting}\" specified", entry.KeySpan);
            }
        }

        return (external, null);
    }

    private EquatableArray<IncludeDefinition> BuildIncludes(YNode? node)
    {
        if (node is null or YScalar { IsNull: true })
            return EquatableArray<IncludeDefinition>.Empty;
        if (node is not YSequence sequence)
        {
            _read.Invalid($"include must be a list, not a {node.KindName}", node.Span);
            return EquatableArray<IncludeDefinition>.Empty;
        }

        var result = new List<IncludeDefinition>();
        foreach (var item in sequence.Items)
        {
            if (item is YScalar scalar && !scalar.IsNull)
            {
                result.Add(new IncludeDefinition(new[] { NodeReader.Scalar(scalar) }.ToEquatableArray(), null, EquatableArray<ScalarValue>.Empty, Origin.Of(item.Span)));
                continue;
            }

            if (_read.Mapping(item, "include[]", nullIsEmpty: false) is not { } map)
                continue;
            CheckKeys(map, ComposeKeys.Include, "include");
            var paths = _read.Strings(map.Get("path"), "include.path", allowSingle: true);
            if (paths.Count == 0)
                _read.Invalid("include needs a 'path'", map.Span);
            result.Add(new IncludeDefinition(
                paths.ToEquatableArray(),
                _read.String(map.Get("project_directory"), "include.project_directory"),
                _read.Strings(map.Get("env_file"), "include.env_file", allowSingle: true).ToEquatableArray(),
                Origin.Of(map.Span)));
        }

        return result.ToEquatableArray();
    }

    /// <summary>CG1003 for keys the section does not know (with a suggestion when one is close).</summary>
    private void CheckKeys(YMapping map, HashSet<string> known, string where)
    {
        foreach (var entry in map.Entries)
        {
            if (known.Contains(entry.Key) || entry.Key.StartsWith("x-", System.StringComparison.Ordinal))
                continue;
            var suggestion = NameSuggestion.Closest(entry.Key, known);
            var message = $"unknown key '{entry.Key}' in {where}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
            _read.Report(DiagnosticIds.UnknownKey, ProblemSeverity.Warning, message, entry.KeySpan);
        }
    }

    private static EquatableArray<Extension> Extensions(YMapping? map)
    {
        if (map is null)
            return EquatableArray<Extension>.Empty;
        List<Extension>? result = null;
        foreach (var entry in map.Entries)
        {
            if (entry.Key.StartsWith("x-", System.StringComparison.Ordinal))
                (result ??= new()).Add(new Extension(entry.Key, CanonicalJson.Write(entry.Value), entry.Origin));
        }

        return result is null ? EquatableArray<Extension>.Empty : result.ToEquatableArray();
    }
}

/// <summary>Renders a subtree as compact JSON (scalars as strings) for equatable storage of <c>x-</c> fields.</summary>
internal static class CanonicalJson
{
    public static string Write(YNode node)
    {
        var text = new StringBuilder();
        Write(node, text, 0);
        return text.ToString();
    }

    private static void Write(YNode node, StringBuilder text, int depth)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                text.Append("null");
                break;
            case YScalar scalar:
                Quote(scalar.Value, text);
                break;
            case YSequence sequence:
                text.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (i > 0)
                        text.Append(',');
                    Write(sequence.Items[i], text, depth + 1);
                }

                text.Append(']');
                break;
            case YMapping mapping:
                text.Append('{');
                var first = true;
                foreach (var entry in mapping.Entries)
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    Quote(entry.Key, text);
                    text.Append(':');
                    Write(entry.Value, text, depth + 1);
                }

                text.Append('}');
                break;
        }
    }

    private static void Quote(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ')
                        text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
