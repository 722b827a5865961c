using System;
using System.Collections.Generic;
using System.Text;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Merge;

/// <summary>
/// compose-go <c>override/uncity.go</c> (<c>EnforceUnicity</c>): in the lists that compose keys by
/// identity, a later entry with the same key replaces the earlier one, in the earlier one's place.
/// compose-go runs it after merging each file; an entry whose key cannot be computed is kept as is
/// (compose-go would refuse the file; reporting that is the model builder's job).
/// </summary>
internal static class ComposeUnicity
{
    private static readonly Dictionary<string, Func<YNode, string?>> ServiceLists = new(StringComparer.Ordinal)
    {
        ["annotations"] = KeyValueKey,
        ["cap_add"] = KeyValueKey,
        ["cap_drop"] = KeyValueKey,
        ["configs"] = node => MountKey(node, ""),
        ["devices"] = DeviceKey,
        ["dns"] = KeyValueKey,
        ["dns_opt"] = KeyValueKey,
        ["dns_search"] = KeyValueKey,
        ["environment"] = KeyValueKey,
        ["env_file"] = EnvFileKey,
        ["expose"] = ScalarKey,
        ["labels"] = KeyValueKey,
        ["links"] = KeyValueKey,
        ["ports"] = PortKey,
        ["profiles"] = KeyValueKey,
        ["secrets"] = node => MountKey(node, "/run/secrets"),
        ["sysctls"] = KeyValueKey,
        ["tmpfs"] = KeyValueKey,
        ["volumes"] = VolumeKey,
    };

    private static readonly Dictionary<string, Func<YNode, string?>> BuildLists = new(StringComparer.Ordinal)
    {
        ["args"] = KeyValueKey,
        ["additional_contexts"] = KeyValueKey,
        ["labels"] = KeyValueKey,
        ["tags"] = KeyValueKey,

        // compose-go lists "services.*.build.platform" (sic); the attribute is "platforms".
        ["platform"] = KeyValueKey,
    };

    public static YMapping Enforce(YMapping root)
    {
        if (root.IsReset)
            return root;
        return MapValues(root, (key, value) => key switch
        {
            "services" when value is YMapping services => MapValues(services, (_, service) => service is YMapping s ? EnforceService(s) : service),
            "networks" when value is YMapping networks => MapValues(networks, (_, network) => network is YMapping n ? EnforceNetwork(n) : network),
            _ => value,
        });
    }

    private static YNode EnforceService(YMapping service)
    {
        if (service.IsReset)
            return service;
        return MapValues(service, (key, value) =>
        {
            if (ServiceLists.TryGetValue(key, out var indexer))
                return value is YSequence list ? Dedup(list, indexer) : value;
            switch (key)
            {
                case "build" when value is YMapping build:
                    return MapValues(build, (buildKey, buildValue) =>
                        BuildLists.TryGetValue(buildKey, out var buildIndexer) && buildValue is YSequence list ? Dedup(list, buildIndexer) : buildValue);
                case "deploy" when value is YMapping deploy:
                    return MapValues(deploy, (deployKey, deployValue) => deployKey == "labels" && deployValue is YSequence list ? Dedup(list, KeyValueKey) : deployValue);
                case "networks" when value is YMapping networks:
                    return MapValues(networks, (_, network) => network is YMapping options
                        ? MapValues(options, (optionKey, optionValue) =>
                            optionKey is "aliases" or "link_local_ips" && optionValue is YSequence list ? Dedup(list, KeyValueKey) : optionValue)
                        : network);
                default:
                    return value;
            }
        });
    }

    private static YNode EnforceNetwork(YMapping network)
    {
        if (network.IsReset)
            return network;
        return MapValues(network, (key, value) => key switch
        {
            "labels" when value is YSequence list => Dedup(list, KeyValueKey),
            "ipam" when value is YMapping ipam => MapValues(ipam, (ipamKey, ipamValue) => ipamKey == "options" && ipamValue is YSequence list ? Dedup(list, KeyValueKey) : ipamValue),
            _ => value,
        });
    }

    /// <summary>The mapping with each value passed through <paramref name="map"/>; the same instance when nothing changed.</summary>
    private static YMapping MapValues(YMapping mapping, Func<string, YNode, YNode> map)
    {
        List<YEntry>? entries = null;
        for (var i = 0; i < mapping.Entries.Count; i++)
        {
            var entry = mapping.Entries[i];
            var value = entry.Value.IsReset ? entry.Value : map(entry.Key, entry.Value);
            if (entries is null && ReferenceEquals(value, entry.Value))
                continue;
            if (entries is null)
            {
                entries = new List<YEntry>(mapping.Entries.Count);
                for (var j = 0; j < i; j++)
                    entries.Add(mapping.Entries[j]);
            }

            entries.Add(ReferenceEquals(value, entry.Value) ? entry : entry.WithValue(value));
        }

        return entries is null ? mapping : new YMapping(entries, mapping.Span, mapping.Tag);
    }

    private static YSequence Dedup(YSequence list, Func<YNode, string?> indexer)
    {
        if (list.IsReset)
            return list;

        // One item has no duplicate: unless it is a !reset item (dropped), the list stays as it is.
        if (list.Items.Count == 0 || list.Items.Count == 1 && !list.Items[0].IsReset)
            return list;
        var items = UniqueBy(list.Items, indexer);
        return items.Count == list.Items.Count ? list : new YSequence(items, list.Span, list.Tag);
    }

    /// <summary>Items in order; one with the key of an earlier one replaces it in place. <c>!reset</c> items are dropped.</summary>
    public static List<YNode> UniqueBy(IReadOnlyList<YNode> items, Func<YNode, string?> indexer)
    {
        var result = new List<YNode>(items.Count);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.IsReset)
                continue;
            var key = indexer(item);
            if (key is null)
            {
                result.Add(item);
            }
            else if (positions.TryGetValue(key, out var at))
            {
                result[at] = item;
            }
            else
            {
                positions[key] = result.Count;
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary><c>KEY=VALUE</c> and <c>KEY</c> are keyed by KEY.</summary>
    public static string? KeyValueKey(YNode node)
    {
        if (node is not YScalar scalar)
            return null;
        var value = scalar.Value;
        var equals = value.IndexOf('=');
        return equals < 0 ? value : value.Substring(0, equals);
    }

    private static string? ScalarKey(YNode node) => node is YScalar { IsNull: false } scalar ? scalar.Value : null;

    private static string? ScalarValue(YMapping mapping, string key)
        => mapping.Get(key) is YScalar { IsNull: false, IsReset: false } scalar ? scalar.Value : null;

    /// <summary>Service volumes by target (short syntax parsed as compose-go's <c>format.ParseVolume</c>).</summary>
    private static string? VolumeKey(YNode node) => node switch
    {
        YMapping mapping => ScalarValue(mapping, "target"),
        YScalar { IsNull: false } scalar => VolumeTarget(scalar.Value),
        _ => "",
    };

    /// <summary>Devices by container path: <c>host:container[:permissions]</c>.</summary>
    private static string? DeviceKey(YNode node)
    {
        switch (node)
        {
            case YMapping mapping:
                return ScalarValue(mapping, "target");
            case YScalar { IsNull: false } scalar:
                var parts = scalar.Value.Split(':');
                return parts.Length == 1 ? parts[0] : parts[1];
            default:
                return "";
        }
    }

    /// <summary>Secrets and configs by target; the short syntax and a missing target mount at <c>&lt;dir&gt;/&lt;source&gt;</c>.</summary>
    private static string? MountKey(YNode node, string directory)
    {
        switch (node)
        {
            case YScalar { IsNull: false } scalar:
                return directory + "/" + scalar.Value;
            case YMapping mapping:
                var target = ScalarValue(mapping, "target");
                if (target is not null)
                    return target;
                var source = ScalarValue(mapping, "source");
                return source is null ? null : directory + "/" + source;
            default:
                return null;
        }
    }

    /// <summary>Ports: the short syntax as written; the long one as <c>host_ip:published:target/protocol</c>.</summary>
    private static string? PortKey(YNode node)
    {
        switch (node)
        {
            case YScalar { IsNull: false } scalar:
                return scalar.Value;
            case YMapping mapping:
                var target = ScalarValue(mapping, "target");
                if (target is null)
                    return null;
                var host = ScalarValue(mapping, "host_ip") is { Length: > 0 } ip ? ip : "0.0.0.0";
                var protocol = ScalarValue(mapping, "protocol") is { Length: > 0 } p ? p : "tcp";
                return host + ":" + (ScalarValue(mapping, "published") ?? "") + ":" + target + "/" + protocol;
            default:
                return "";
        }
    }

    private static string? EnvFileKey(YNode node) => node switch
    {
        YScalar { IsNull: false } scalar => scalar.Value,
        YMapping mapping => ScalarValue(mapping, "path"),
        _ => "",
    };

    /// <summary>
    /// The target of a short volume spec, as compose-go's <c>format.ParseVolume</c> splits it:
    /// <c>[source:]target[:options]</c>, a Windows drive letter (<c>C:</c>) is not a separator, nor is
    /// a colon inside <c>${...}</c>. Null when the spec is invalid.
    /// </summary>
    internal static string? VolumeTarget(string spec)
    {
        if (spec.Length == 0)
            return null;
        if (spec.Length <= 2)
            return spec;

        string source = "", target = "";
        var buffer = new StringBuilder();
        var inSubstitution = 0;
        for (var i = 0; i <= spec.Length; i++)
        {
            var end = i == spec.Length;
            var c = end ? '\0' : spec[i];
            if (!end && c == '$' && i + 1 < spec.Length && spec[i + 1] == '{')
            {
                inSubstitution++;
                buffer.Append(c);
                continue;
            }

            if (!end && c == '}' && inSubstitution > 0)
            {
                inSubstitution--;
                buffer.Append(c);
                continue;
            }

            if (!end && c == ':' && buffer.Length == 1 && char.IsLetter(buffer[0]))
            {
                buffer.Append(c);
            }
            else if ((c == ':' || end) && inSubstitution == 0)
            {
                if (buffer.Length == 0)
                    return null;
                if (source.Length == 0 && end)
                    target = buffer.ToString();
                else if (source.Length == 0)
                    source = buffer.ToString();
                else if (target.Length == 0)
                    target = buffer.ToString();
                else if (c == ':')
                    return null;
                buffer.Clear();
            }
            else if (!end)
            {
                buffer.Append(c);
            }
        }

        return target;
    }
}
