using ComposeGen.Model;

namespace ComposeGen.Analysis.Networking;

/// <summary>
/// Maps characters of a scalar's value back to the compose file, so a diagnostic can underline the host
/// inside <c>DATABASE_URL: postgres://u:p@db:5432/x</c> instead of the whole value.
/// </summary>
/// <remarks>
/// The model keeps the value (after YAML unescaping and interpolation), its raw template and the span of
/// the YAML node, but not the file text. A position is mapped only when the mapping is certain:
/// <list type="bullet">
/// <item>the node is on one line (a block scalar or a folded multi-line string is not);</item>
/// <item>the node is exactly the raw text (a plain scalar) or the raw text between two quotes (a quoted
/// scalar without escapes) — any escape, <c>''</c>, tag or anchor makes the lengths differ;</item>
/// <item>the characters lie in the part of the value that interpolation left as written (before the first
/// or after the last variable).</item>
/// </list>
/// Otherwise the whole node's span is returned.
/// </remarks>
public static class ValueLocation
{
    /// <summary>
    /// The span of <c>value.Value[offset .. offset+length)</c> in the file, or <c>value.Span</c> when it cannot be mapped exactly.
    /// </summary>
    /// <param name="value">The scalar.</param>
    /// <param name="offset">Where the characters start in <see cref="ScalarValue.Value"/>.</param>
    /// <param name="length">How many characters.</param>
    /// <param name="prefixLength">
    /// Characters of the node written before the value: <c>NAME=</c> for an environment variable in list form
    /// (<c>- NAME=value</c>), whose value shares the node of the whole item.
    /// </param>
    public static SourceSpan Locate(ScalarValue value, int offset, int length, int prefixLength = 0)
    {
        var span = value.Span;
        var text = value.Value;
        var raw = value.Template.Raw;
        if (offset < 0 || length < 0 || offset + length > text.Length || prefixLength < 0)
            return span;
        if (span.StartLine != span.EndLine || span.IsEmpty)
            return span;

        var rawOffset = RawOffset(text, raw, offset, length);
        if (rawOffset < 0)
            return span;

        int start;
        if (span.Length == prefixLength + raw.Length)
            start = prefixLength; // plain scalar
        else if (span.Length == prefixLength + raw.Length + 2)
            start = prefixLength + 1; // quoted, no escapes
        else
            return span;

        var at = start + rawOffset;
        return new SourceSpan(span.Path, span.Start + at, span.Start + at + length, span.StartLine, span.StartColumn + at, span.StartLine, span.StartColumn + at + length);
    }

    /// <summary>The whole value without the node's quotes or <c>NAME=</c> prefix, when that can be mapped; else the node.</summary>
    public static SourceSpan LocateWhole(ScalarValue value, int prefixLength = 0)
        => Locate(value, 0, value.Value.Length, prefixLength);

    /// <summary>Where <c>text[offset..offset+length)</c> is in <paramref name="raw"/>, or -1 when interpolation moved it by an unknown amount.</summary>
    private static int RawOffset(string text, string raw, int offset, int length)
    {
        if (text == raw)
            return offset;
        var prefix = 0;
        var shortest = System.Math.Min(text.Length, raw.Length);
        while (prefix < shortest && text[prefix] == raw[prefix])
            prefix++;
        if (offset + length <= prefix && raw.IndexOf('$', 0, offset + length) < 0)
            return offset;

        var suffix = 0;
        while (suffix < shortest && text[text.Length - 1 - suffix] == raw[raw.Length - 1 - suffix])
            suffix++;
        var shift = raw.Length - text.Length;
        if (offset >= text.Length - suffix && raw.IndexOf('$', offset + shift) < 0)
            return offset + shift;
        return -1;
    }
}
