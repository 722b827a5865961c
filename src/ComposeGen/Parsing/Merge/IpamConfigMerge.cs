using System;
using System.Collections.Generic;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Merge;

/// <summary>
/// compose-go <c>mergeIPAMConfig</c> for <c>networks.*.ipam.config</c>, reproduced step by step,
/// quirks included: each base config is merged with the override configs of its subnet, override
/// configs of other subnets are added once, and base configs no override config names are dropped.
/// </summary>
internal static class IpamConfigMerge
{
    /// <summary>compose-go's loop is cubic; beyond this many steps the plain subnet-keyed result is used.</summary>
    private const long ExactLoopLimit = 1_000_000;

    public static YNode Merge(YNode @base, YNode @override, int depth)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (@base is not YSequence baseList || @override is not YSequence overrideList)
            return @override;

        var originals = Configs(baseList);
        var overrides = Configs(overrideList);
        if (originals is null || overrides is null)
            return @override;

        var result = (long)originals.Count * overrides.Count * (originals.Count + overrides.Count) <= ExactLoopLimit
            ? Loop(originals, overrides, depth)
            : BySubnet(originals, overrides, depth);
        var items = new List<YNode>(result.Count);
        foreach (var config in result)
            items.Add(config.ToNode());
        return new YSequence(items, baseList.Span, baseList.Tag);
    }

    private static List<Config>? Configs(YSequence list)
    {
        var configs = new List<Config>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item.IsReset)
                continue;
            if (item is not YMapping mapping)
                return null;
            configs.Add(new Config(mapping));
        }

        return configs;
    }

    private static List<Config> Loop(List<Config> originals, List<Config> overrides, int depth)
    {
        var result = new List<Config>();
        foreach (var right in originals)
        {
            foreach (var left in overrides)
            {
                if (left.Subnet != right.Subnet && result.FindIndex(c => c.Subnet == left.Subnet) < 0)
                {
                    result.Add(left);
                    continue;
                }

                // As in compose-go, also when the subnets differ but left's is already listed.
                right.MergeFrom(left, depth);
                var subnet = right.Subnet;
                var at = result.FindIndex(c => c.Subnet == subnet);
                if (at >= 0)
                    result[at] = right;
                else
                    result.Add(right);
            }
        }

        return result;
    }

    private static List<Config> BySubnet(List<Config> originals, List<Config> overrides, int depth)
    {
        var lastOriginal = new Dictionary<string, Config>(StringComparer.Ordinal);
        foreach (var original in originals)
            lastOriginal[original.Subnet ?? ""] = original;

        var result = new List<Config>();
        var placed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var left in overrides)
        {
            var subnet = left.Subnet ?? "";
            if (lastOriginal.TryGetValue(subnet, out var right))
            {
                right.MergeFrom(left, depth);
                if (!placed.ContainsKey(subnet))
                {
                    placed[subnet] = result.Count;
                    result.Add(right);
                }
            }
            else if (!placed.ContainsKey(subnet))
            {
                placed[subnet] = result.Count;
                result.Add(left);
            }
        }

        return result;
    }

    /// <summary>An ipam config being merged in place, as compose-go's loop mutates its maps.</summary>
    private sealed class Config
    {
        private readonly YMapping _original;
        private readonly List<YEntry> _entries;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private bool _changed;
        private string? _subnet;
        private bool _subnetKnown;

        public Config(YMapping original)
        {
            _original = original;
            _entries = new List<YEntry>(original.Entries.Count);
            foreach (var entry in original.Entries)
            {
                _index[entry.Key] = _entries.Count;
                _entries.Add(entry);
            }
        }

        /// <summary>The subnet's identity, null when there is none (compose-go compares nil to nil as equal).</summary>
        public string? Subnet
        {
            get
            {
                if (!_subnetKnown)
                {
                    _subnet = _index.TryGetValue("subnet", out var at) && !_entries[at].Value.IsReset ? MergeNodes.Identity(_entries[at].Value) : null;
                    _subnetKnown = true;
                }

                return _subnet;
            }
        }

        public void MergeFrom(Config other, int depth)
        {
            _subnetKnown = false;
            foreach (var entry in other._entries)
            {
                _changed = true;
                if (_index.TryGetValue(entry.Key, out var at))
                {
                    var merged = ComposeMerger.Merge(_entries[at].Value, entry.Value, MergeRule.Generic, MergePosition.Generic, depth + 1);
                    _entries[at] = ReferenceEquals(merged, entry.Value) ? entry : _entries[at].WithValue(merged);
                }
                else
                {
                    _index[entry.Key] = _entries.Count;
                    _entries.Add(entry);
                }
            }
        }

        public YMapping ToNode() => _changed ? new YMapping(_entries.ToArray(), _original.Span, _original.Tag) : _original;
    }
}
