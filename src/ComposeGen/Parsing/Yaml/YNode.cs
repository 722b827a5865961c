using System.Collections.Generic;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;

namespace ComposeGen.Parsing.Yaml;

/// <summary>
/// The compose document as a plain tree, after YAML's own features are resolved: aliases expanded
/// (within budget), <c>&lt;&lt;</c> merge keys applied, values interpolated. Every node keeps its span
/// and its tag (<c>!reset</c>, <c>!override</c>), so merging files and building the typed model can
/// both point back at the text.
/// </summary>
public abstract class YNode
{
    protected YNode(SourceSpan span, string? tag)
    {
        Span = span;
        Tag = tag;
    }

    public SourceSpan Span { get; }

    /// <summary>The explicit YAML tag as written, e.g. "!reset", or null.</summary>
    public string? Tag { get; }

    public bool IsReset => Tag == "!reset";

    public bool IsOverride => Tag == "!override";

    public abstract string KindName { get; }

    public abstract YNode WithTag(string? tag);
}

public sealed class YScalar : YNode
{
    // Null until asked for when the text has no variable reference: most scalars (keys, names, numbers) never
    // need their template, and making one per scalar cost three allocations each.
    private Template? _template;

    public YScalar(string raw, bool isPlain, SourceSpan span, string? tag = null, Template? template = null, string? value = null, bool isUnresolved = false)
        : base(span, tag)
    {
        Raw = raw;
        IsPlain = isPlain;
        _template = template;
        Value = value ?? raw;
        IsUnresolved = isUnresolved;
    }

    /// <summary>The text as written (after YAML unescaping, before interpolation).</summary>
    public string Raw { get; }

    /// <summary>The value after interpolation with the variables known at load time.</summary>
    public string Value { get; }

    /// <summary>The interpolation template, kept so run-time code can resolve the value again.</summary>
    public Template Template => _template ??= Template.Literal(Raw);

    /// <summary>
    /// True when a variable the value needs had no value at load time (and no default): the real value
    /// is only known at run time, so checks of its shape do not apply.
    /// </summary>
    public bool IsUnresolved { get; }

    /// <summary>Unquoted: only plain scalars can be null, booleans or numbers in YAML.</summary>
    public bool IsPlain { get; }

    public bool IsNull => IsPlain && Tag is null && (Raw.Length == 0 || Raw is "~" or "null" or "Null" or "NULL");

    public override string KindName => IsNull ? "null" : "string";

    public override YNode WithTag(string? tag) => new YScalar(Raw, IsPlain, Span, tag, _template, Value, IsUnresolved);

    public override string ToString() => Value;
}

public sealed class YSequence : YNode
{
    public YSequence(IReadOnlyList<YNode> items, SourceSpan span, string? tag = null)
        : base(span, tag) => Items = items;

    public IReadOnlyList<YNode> Items { get; }

    public override string KindName => "sequence";

    public override YNode WithTag(string? tag) => new YSequence(Items, Span, tag);
}

public sealed class YMapping : YNode
{
    private Dictionary<string, int>? _index;

    public YMapping(IReadOnlyList<YEntry> entries, SourceSpan span, string? tag = null)
        : base(span, tag) => Entries = entries;

    public IReadOnlyList<YEntry> Entries { get; }

    public override string KindName => "mapping";

    public YEntry? Find(string key)
    {
        if (Entries.Count < 8)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                    return entry;
            }

            return null;
        }

        if (_index is null)
        {
            var index = new Dictionary<string, int>(Entries.Count);
            for (var i = 0; i < Entries.Count; i++)
                index[Entries[i].Key] = i;
            _index = index;
        }

        return _index.TryGetValue(key, out var at) ? Entries[at] : null;
    }

    public YNode? Get(string key) => Find(key)?.Value;

    public override YNode WithTag(string? tag) => new YMapping(Entries, Span, tag);
}

/// <summary>One key/value pair of a mapping. Keys are never interpolated (as in compose-go).</summary>
public sealed class YEntry
{
    public YEntry(string key, SourceSpan keySpan, YNode value)
    {
        Key = key;
        KeySpan = keySpan;
        Value = value;
    }

    public string Key { get; }

    public SourceSpan KeySpan { get; }

    public YNode Value { get; }

    public Origin Origin => new(KeySpan, Value.Span);

    public YEntry WithValue(YNode value) => new(Key, KeySpan, value);
}
