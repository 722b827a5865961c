using System;
using System.Collections.Generic;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Merge;

/// <summary>
/// Docker compose's merge rules on <see cref="YNode"/> trees: what <c>docker compose -f a.yml -f b.yml</c>
/// does to two files and what <c>extends</c> does to a base service and the service extending it
/// (compose-go <c>override/merge.go</c>, <c>override/uncity.go</c>, <c>loader/reset.go</c>).
/// <para>
/// Mappings merge by key, sequences append, scalars are replaced, with compose's special paths
/// (see <see cref="MergePaths"/>). Every value keeps the span where it was written, so the value
/// that wins points into the file that set it.
/// </para>
/// <para>
/// <c>!reset</c> and <c>!override</c> are kept through merges so that they still apply when the
/// merged tree later takes part in <c>extends</c>: a <c>!reset</c> value stays as a marker that
/// removes (dropped by <see cref="ResolveTags"/>), an <c>!override</c> value replaces what it is
/// merged onto, and a value that replaced a <c>!reset</c> marker, or was merged onto an
/// <c>!override</c> value, is itself tagged <c>!override</c>: in compose-go both happened before
/// <c>extends</c> could add anything underneath. <see cref="ResolveTags"/> removes both tags.
/// </para>
/// Never throws; wrong shapes resolve to the override's value, as compose-go's "cannot override" would.
/// </summary>
public static class ComposeMerger
{
    /// <summary>
    /// Merges a whole override document onto a base document (both the root mapping of a compose file),
    /// then applies compose's uniqueness rules to the result, as compose-go does after each file.
    /// </summary>
    public static YMapping MergeFiles(YMapping baseFile, YMapping overrideFile)
    {
        var merged = Merge(baseFile, overrideFile, MergeRule.Generic, MergePosition.Root, 0) as YMapping ?? overrideFile;
        return ComposeUnicity.Enforce(merged);
    }

    /// <summary>
    /// Merges one service definition onto another, for <c>extends</c>: <paramref name="baseService"/> is the
    /// extended service, <paramref name="localService"/> the extending one. Same rules as under <c>services.&lt;name&gt;</c>.
    /// </summary>
    public static YMapping MergeService(YMapping baseService, YMapping localService)
    {
        // A tag on the service itself (services.x: !override) replaced the service of earlier files;
        // it does not discard the service it extends (compose-go applies it to the wrapper, not the base).
        if (localService.IsReset)
            return localService;
        return MergeMappings(baseService, localService, MergePosition.Service, 0);
    }

    /// <summary>
    /// Ends a project's merges: removes every <c>!reset</c> entry and list item, strips <c>!override</c>
    /// tags, and applies compose's uniqueness rules to the result (ports, volumes by target, ...), as
    /// compose-go does after loading each file, so a single file gets them too.
    /// </summary>
    public static YMapping ResolveTags(YMapping root) => ResolveTags(root, hasMergeTags: true, isUnique: false);

    /// <summary>
    /// <see cref="ResolveTags(YMapping)"/> with what the caller knows: with no <c>!reset</c> / <c>!override</c> tag
    /// anywhere in the tree there is nothing to resolve, and a tree that <see cref="MergeFiles"/> returned (so already
    /// made unique) and nothing changed since needs no second uniqueness pass.
    /// </summary>
    internal static YMapping ResolveTags(YMapping root, bool hasMergeTags, bool isUnique)
    {
        var resolved = hasMergeTags ? Resolve(root, 0) as YMapping ?? new YMapping(Array.Empty<YEntry>(), root.Span) : root;
        return isUnique && ReferenceEquals(resolved, root) ? resolved : ComposeUnicity.Enforce(resolved);
    }

    internal static YNode Merge(YNode @base, YNode @override, MergeRule rule, MergePosition position, int depth)
    {
        // loader/reset.go: a tagged path is removed from what came before, then the file's value
        // (none for !reset) is merged in; i.e. it replaces.
        if (@override.IsReset || @override.IsOverride)
            return @override;
        if (@base.IsReset)
            return MarkReplacing(@override);
        if (depth > MergeNodes.MaxDepth)
            return @override;

        var merged = rule switch
        {
            MergeRule.Replace => @override,
            MergeRule.KeyValue => MergeKeyValue(@base, @override),
            MergeRule.ToSequence => MergeToSequence(@base, @override),
            MergeRule.DependsOn => MergeAsMapping(@base, @override, dependencyDefaults: true, depth),
            MergeRule.AsMapping => MergeAsMapping(@base, @override, dependencyDefaults: false, depth),
            MergeRule.Build => MergeBuild(@base, @override, depth),
            MergeRule.Logging => MergeLogging(@base, @override, depth),
            MergeRule.Ulimit => @base is YMapping baseLimit && @override is YMapping overrideLimit
                ? MergeMappings(baseLimit, overrideLimit, MergePosition.Generic, depth)
                : @override,
            MergeRule.IpamConfig => IpamConfigMerge.Merge(@base, @override, depth),
            _ => MergeGeneric(@base, @override, position, depth),
        };

        return @base.IsOverride ? MarkReplacing(merged) : merged;
    }

    /// <summary>A container that must replace, not merge with, what a later <c>extends</c> puts under it.</summary>
    private static YNode MarkReplacing(YNode node)
        => node is YMapping or YSequence && node.Tag is null ? node.WithTag(MergeNodes.OverrideTag) : node;

    private static YNode MergeGeneric(YNode @base, YNode @override, MergePosition position, int depth)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (@base is YMapping baseMapping && @override is YMapping overrideMapping)
            return MergeMappings(baseMapping, overrideMapping, position, depth);
        if (@base is YSequence baseSequence && @override is YSequence overrideSequence)
            return AppendWithoutDuplicates(baseSequence, overrideSequence);
        return @override;
    }

    /// <summary>Entries of the base in their order, each merged with the override's entry of the same key; new keys appended.</summary>
    internal static YMapping MergeMappings(YMapping @base, YMapping @override, MergePosition position, int depth)
    {
        if (@override.Entries.Count == 0)
            return @base;

        var entries = new List<YEntry>(@base.Entries.Count + @override.Entries.Count);
        var index = new Dictionary<string, int>(@base.Entries.Count, StringComparer.Ordinal);
        foreach (var entry in @base.Entries)
        {
            index[entry.Key] = entries.Count;
            entries.Add(entry);
        }

        var changed = false;
        foreach (var entry in @override.Entries)
        {
            if (!index.TryGetValue(entry.Key, out var at))
            {
                index[entry.Key] = entries.Count;
                entries.Add(entry);
                changed = true;
                continue;
            }

            var existing = entries[at];
            var (rule, child) = MergePaths.Child(position, entry.Key);
            var merged = Merge(existing.Value, entry.Value, rule, child, depth + 1);
            if (ReferenceEquals(merged, existing.Value))
                continue;
            entries[at] = ReferenceEquals(merged, entry.Value) ? entry : existing.WithValue(merged);
            changed = true;
        }

        return changed ? new YMapping(entries, @base.Span, @base.Tag) : @base;
    }

    /// <summary>
    /// compose-go <c>appendWithoutDuplicates</c>: the override's items are appended unless strictly
    /// identical to one already there (same form: <c>data:/data</c> and its long syntax both stay).
    /// </summary>
    private static YSequence AppendWithoutDuplicates(YSequence @base, YSequence @override)
    {
        var items = new List<YNode>(@base.Items.Count + @override.Items.Count);
        MergeNodes.AddItems(@base, items);
        return AppendItems(items, @override, @base);
    }

    private static YSequence AppendItems(List<YNode> items, YNode @override, YNode shapeOf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var identity = MergeNodes.Identity(item);
            if (identity is not null)
                seen.Add(identity);
        }

        var added = new List<YNode>();
        MergeNodes.AddItems(@override, added);
        foreach (var item in added)
        {
            var identity = MergeNodes.Identity(item);
            if (identity is null || seen.Add(identity))
                items.Add(item);
        }

        return new YSequence(items, shapeOf.Span, shapeOf.Tag);
    }

    /// <summary>
    /// KEY=VALUE attributes (compose-go <c>mergeKeyValueSequence</c>): the override's entry for a key
    /// replaces the base's in place, new keys are appended. Two mappings stay a mapping; otherwise both
    /// become KEY=VALUE lists and the last entry of each key is kept at the first one's position.
    /// </summary>
    private static YNode MergeKeyValue(YNode @base, YNode @override)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (MergeNodes.IsNull(@base))
            return @override;
        if (@base is YMapping baseMapping && @override is YMapping overrideMapping)
        {
            // Unlike a generic mapping, a null here is a value too (KEY without =VALUE): it replaces.
            var entries = new List<YEntry>(baseMapping.Entries.Count + overrideMapping.Entries.Count);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in baseMapping.Entries)
            {
                index[entry.Key] = entries.Count;
                entries.Add(entry);
            }

            foreach (var entry in overrideMapping.Entries)
            {
                if (index.TryGetValue(entry.Key, out var at))
                {
                    entries[at] = entry;
                }
                else
                {
                    index[entry.Key] = entries.Count;
                    entries.Add(entry);
                }
            }

            return new YMapping(entries, baseMapping.Span, baseMapping.Tag);
        }

        var items = new List<YNode>();
        MergeNodes.AddItems(@base, items);
        MergeNodes.AddItems(@override, items);
        return new YSequence(ComposeUnicity.UniqueBy(items, ComposeUnicity.KeyValueKey), @base.Span, @base.Tag);
    }

    /// <summary>compose-go <c>mergeToSequence</c>: both sides as lists (a string is one item), appended without identical duplicates.</summary>
    private static YNode MergeToSequence(YNode @base, YNode @override)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (MergeNodes.IsNull(@base))
            return @override;
        var items = new List<YNode>();
        MergeNodes.AddItems(@base, items);
        return AppendItems(items, @override, @base);
    }

    /// <summary>
    /// compose-go <c>mergeDependsOn</c> / <c>mergeNetworks</c> / <c>mergeModels</c>: merged by name.
    /// Two lists stay a list (names once); otherwise a list becomes a mapping (each dependency
    /// <c>{condition: service_started, required: true}</c>, each network or model null) and the mappings merge.
    /// </summary>
    private static YNode MergeAsMapping(YNode @base, YNode @override, bool dependencyDefaults, int depth)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (MergeNodes.IsNull(@base))
            return @override;

        if (@base is not YMapping && @override is not YMapping)
        {
            var items = new List<YNode>();
            MergeNodes.AddItems(@base, items);
            return AppendItems(items, @override, @base);
        }

        var baseMapping = MergeNodes.ToMapping(@base, dependencyDefaults);
        var overrideMapping = MergeNodes.ToMapping(@override, dependencyDefaults);
        if (baseMapping is null || overrideMapping is null)
            return @override;
        return MergeMappings(baseMapping, overrideMapping, MergePosition.Generic, depth);
    }

    /// <summary>compose-go <c>mergeBuild</c>: <c>build: dir</c> is <c>build: {context: dir}</c>.</summary>
    private static YNode MergeBuild(YNode @base, YNode @override, int depth)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (@base is YScalar && @override is YScalar)
            return @override;
        var baseMapping = @base as YMapping ?? (@base is YScalar { IsNull: false } baseContext ? MergeNodes.ContextMapping(baseContext) : null);
        var overrideMapping = @override as YMapping ?? (@override is YScalar overrideContext ? MergeNodes.ContextMapping(overrideContext) : null);
        if (baseMapping is null || overrideMapping is null)
            return @override;
        return MergeMappings(baseMapping, overrideMapping, MergePosition.Build, depth);
    }

    /// <summary>compose-go <c>mergeLogging</c>: options merge when both sides name the same driver or one names none; a new driver replaces.</summary>
    private static YNode MergeLogging(YNode @base, YNode @override, int depth)
    {
        if (MergeNodes.IsNull(@override))
            return @base;
        if (@base is not YMapping baseMapping || @override is not YMapping overrideMapping)
            return @override;
        var baseDriver = baseMapping.Get("driver");
        var overrideDriver = overrideMapping.Get("driver");
        if (baseDriver is null || baseDriver.IsReset || overrideDriver is null || overrideDriver.IsReset
            || MergeNodes.Identity(baseDriver) is { } identity && identity == MergeNodes.Identity(overrideDriver))
        {
            return MergeMappings(baseMapping, overrideMapping, MergePosition.Generic, depth);
        }

        return @override;
    }

    private static YNode? Resolve(YNode node, int depth)
    {
        if (node.IsReset)
            return null;
        if (depth > MergeNodes.MaxDepth)
            return node;

        var tag = node.IsOverride ? null : node.Tag;
        switch (node)
        {
            case YMapping mapping:
            {
                List<YEntry>? entries = null;
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    var entry = mapping.Entries[i];
                    var value = Resolve(entry.Value, depth + 1);
                    if (entries is null && ReferenceEquals(value, entry.Value))
                        continue;
                    if (entries is null)
                    {
                        entries = new List<YEntry>(mapping.Entries.Count);
                        for (var j = 0; j < i; j++)
                            entries.Add(mapping.Entries[j]);
                    }

                    if (value is not null)
                        entries.Add(ReferenceEquals(value, entry.Value) ? entry : entry.WithValue(value));
                }

                if (entries is not null)
                    return new YMapping(entries, mapping.Span, tag);
                return tag == mapping.Tag ? mapping : mapping.WithTag(tag);
            }

            case YSequence sequence:
            {
                List<YNode>? items = null;
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var item = sequence.Items[i];
                    var value = Resolve(item, depth + 1);
                    if (items is null && ReferenceEquals(value, item))
                        continue;
                    if (items is null)
                    {
                        items = new List<YNode>(sequence.Items.Count);
                        for (var j = 0; j < i; j++)
                            items.Add(sequence.Items[j]);
                    }

                    if (value is not null)
                        items.Add(value);
                }

                if (items is not null)
                    return new YSequence(items, sequence.Span, tag);
                return tag == sequence.Tag ? sequence : sequence.WithTag(tag);
            }

            default:
                return tag == node.Tag ? node : node.WithTag(tag);
        }
    }
}
