using YamlDotNet.Core;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>The tokens of YamlDotNet's scanner that the fast path produces (the subset it handles).</summary>
internal enum FastTokenKind : byte
{
    StreamStart,
    StreamEnd,
    DocumentStart,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias,
    Anchor,
    Tag,
    Scalar,
}

/// <summary>
/// One token with YamlDotNet's marks. <see cref="Text"/> is the scalar's value, the anchor or alias name, or the
/// full tag (<c>!reset</c>); <see cref="Style"/> is the scalar's style.
/// </summary>
internal readonly struct FastToken
{
    public FastToken(FastTokenKind kind, Mark start, Mark end, string? text = null, ScalarStyle style = ScalarStyle.Any)
    {
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
        Style = style;
    }

    public FastTokenKind Kind { get; }

    public Mark Start { get; }

    public Mark End { get; }

    public string? Text { get; }

    public ScalarStyle Style { get; }
}
