using System;
using System.Collections.Generic;
using System.Text;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Merge;

/// <summary>Node helpers shared by the merge rules: identity of values, list/mapping conversions.</summary>
internal static class MergeNodes
{
    public const string ResetTag = "!reset";
    public const string OverrideTag = "!override";

    /// <summary>Deeper than this (only hand-built trees get there), nodes are treated as opaque values.</summary>
    public const int MaxDepth = 512;

    public static bool IsNull(YNode node) => node is YScalar { IsNull: true };

    /// <summary>
    /// A string equal for two nodes exactly when compose-go's <c>reflect.DeepEqual</c> would call
    /// their decoded values equal: mappings compare regardless of key order, a plain <c>80</c> (an
    /// int) differs from a quoted <c>"80"</c>. Null when the node is too deep to compare.
    /// </summary>
    public static string? Identity(YNode node)
    {
        var text = new StringBuilder();
        return AppendIdentity(text, node, 0) ? text.ToString() : null;
    }

    private static bool AppendIdentity(StringBuilder text, YNode node, int depth)
    {
        if (depth > MaxDepth)
            return false;
        switch (node)
        {
            case YScalar scalar:
                var kind = scalar.IsNull ? '~' : scalar.IsPlain && scalar.Tag is null && ScalarTypes.ResolvesToNonString(scalar.Raw) ? '#' : '\'';
                text.Append(kind);
                if (kind != '~')
                    text.Append(scalar.Value.Length).Append(':').Append(scalar.Value);
                return true;
            case YSequence sequence:
                text.Append('[');
                foreach (var item in sequence.Items)
                {
                    if (!AppendIdentity(text, item, depth + 1))
                        return false;
                }

                text.Append(']');
                return true;
            case YMapping mapping:
                var entries = new List<YEntry>(mapping.Entries);
                entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                text.Append('{');
                foreach (var entry in entries)
                {
                    text.Append(entry.Key.Length).Append(':').Append(entry.Key);
                    if (!AppendIdentity(text, entry.Value, depth + 1))
                        return false;
                }

                text.Append('}');
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The entries of a list-or-mapping attribute as a list (compose-go <c>convertIntoSequence</c>):
    /// mapping entries become <c>KEY=VALUE</c> (or <c>KEY</c> when the value is null), a lone string
    /// is a one-item list. <c>!reset</c> entries and items are left out: they only remove.
    /// </summary>
    public static void AddItems(YNode node, List<YNode> into)
    {
        switch (node)
        {
            case YSequence sequence:
                foreach (var item in sequence.Items)
                {
                    if (!item.IsReset)
                        into.Add(item);
                }

                break;
            case YMapping mapping:
                foreach (var entry in mapping.Entries)
                    AddEntryItems(entry, into);
                break;
            case YScalar scalar when !scalar.IsNull && !scalar.IsReset:
                into.Add(scalar);
                break;
        }
    }

    private static void AddEntryItems(YEntry entry, List<YNode> into)
    {
        switch (entry.Value)
        {
            case { IsReset: true }:
                return;
            case YScalar { IsNull: true }:
                into.Add(KeyOnly(entry.Key, entry.KeySpan));
                return;
            case YScalar scalar:
                into.Add(Joined(entry.Key, entry.KeySpan, scalar));
                return;
            case YSequence sequence:
                // extra_hosts: {host: [ip1, ip2]} is one line per address.
                foreach (var item in sequence.Items)
                {
                    if (item is YScalar { IsReset: false } value)
                        into.Add(Joined(entry.Key, value.Span, value));
                }

                return;
        }
    }

    /// <summary><c>KEY</c> as a list item (a mapping entry with a null value).</summary>
    public static YScalar KeyOnly(string key, SourceSpan span)
    {
        var raw = EscapeDollars(key);
        var template = new Template(raw, key.Length == 0 ? EquatableArray<TemplatePart>.Empty : new[] { (TemplatePart)new LiteralPart(key) }.ToEquatableArray());
        return new YScalar(raw, isPlain: false, span, tag: null, template, key);
    }

    /// <summary>
    /// <c>KEY=VALUE</c> as a list item, keeping the value's interpolation template (its variable
    /// offsets shifted past the <c>KEY=</c> prefix) and a span from the key to the end of the value.
    /// </summary>
    public static YScalar Joined(string key, SourceSpan keySpan, YScalar value)
    {
        var prefix = key + "=";
        var rawPrefix = EscapeDollars(key) + "=";
        var parts = new List<TemplatePart>(value.Template.Parts.Count + 1);
        var pendingLiteral = prefix;
        foreach (var part in value.Template.Parts)
        {
            if (part is LiteralPart literal)
            {
                pendingLiteral += literal.Text;
                continue;
            }

            if (pendingLiteral.Length > 0)
            {
                parts.Add(new LiteralPart(pendingLiteral));
                pendingLiteral = "";
            }

            parts.Add(part is VariablePart variable ? variable with { Offset = variable.Offset + rawPrefix.Length } : part);
        }

        if (pendingLiteral.Length > 0)
            parts.Add(new LiteralPart(pendingLiteral));

        var raw = rawPrefix + value.Template.Raw;
        return new YScalar(raw, isPlain: false, Cover(keySpan, value.Span), tag: null, new Template(raw, parts.ToEquatableArray()), prefix + value.Value);
    }

    /// <summary>The span from <paramref name="first"/>'s start to <paramref name="last"/>'s end, when both are in one file in that order.</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last)
        => first.Path == last.Path && first.Start <= last.Start && first.End <= last.End
            ? new SourceSpan(first.Path, first.Start, last.End, first.StartLine, first.StartColumn, last.EndLine, last.EndColumn)
            : last;

    private static string EscapeDollars(string text) => text.IndexOf('$') < 0 ? text : text.Replace("$", "$$");

    /// <summary>
    /// A list of names as a mapping (compose-go <c>convertIntoMapping</c>): each name maps to a fresh
    /// copy of the defaults, or to null. Null when an item is not a name (compose-go refuses to merge).
    /// </summary>
    public static YMapping? ToMapping(YNode node, bool dependencyDefaults)
    {
        switch (node)
        {
            case YMapping mapping:
                return mapping;
            case YScalar { IsNull: false } scalar:
                return new YMapping(new[] { NameEntry(scalar, dependencyDefaults) }, scalar.Span);
            case YSequence sequence:
                var entries = new List<YEntry>(sequence.Items.Count);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in sequence.Items)
                {
                    if (item.IsReset)
                        continue;
                    if (item is not YScalar { IsNull: false } name)
                        return null;
                    if (seen.Add(name.Value))
                        entries.Add(NameEntry(name, dependencyDefaults));
                }

                return new YMapping(entries, sequence.Span, sequence.Tag);
            default:
                return null;
        }
    }

    private static YEntry NameEntry(YScalar name, bool dependencyDefaults)
    {
        var span = name.Span;
        YNode value = dependencyDefaults
            ? new YMapping(new[]
            {
                new YEntry("condition", span, new YScalar("service_started", isPlain: true, span)),
                new YEntry("required", span, new YScalar("true", isPlain: true, span)),
            }, span)
            : new YScalar("", isPlain: true, span);
        return new YEntry(name.Value, span, value);
    }

    /// <summary>A service's <c>build: ./dir</c> as <c>build: {context: ./dir}</c>.</summary>
    public static YMapping ContextMapping(YScalar context)
        => new(new[] { new YEntry("context", context.Span, context) }, context.Span);
}
