using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ComposeGen.Emit;

/// <summary>C# literals and XML doc text for values that come from compose files.</summary>
internal static class CSharp
{
    public static string String(string? value)
    {
        if (value is null)
            return "null";
        return AppendString(new StringBuilder(value.Length + 2), value).ToString();
    }

    /// <summary><see cref="String"/>, for an interpolated <see cref="IndentedWriter"/> line: written in place, no string of its own.</summary>
    public static StringLiteral Literal(string? value) => new(value);

    /// <summary><see cref="Xml"/>, for an interpolated <see cref="IndentedWriter"/> line.</summary>
    public static XmlText XmlOf(string text) => new(text, code: false, line: 0);

    /// <summary><c>Xml(source.ToString())</c>, for an interpolated <see cref="IndentedWriter"/> line.</summary>
    public static XmlText XmlOf(ApiSource source) => new(source.File, code: false, line: source.Line);

    /// <summary><see cref="Code"/>, for an interpolated <see cref="IndentedWriter"/> line.</summary>
    public static XmlText CodeOf(string text) => new(text, code: true, line: 0);

    internal static StringBuilder AppendString(StringBuilder text, string? value)
    {
        if (value is null)
            return text.Append("null");
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
                case '\0': text.Append("\\0"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        return text.Append('"');
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string NullableInt(int? value) => value is null ? "null" : Int(value.Value);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Text for an XML doc comment: escaped, and kept on one line.</summary>
    public static string Xml(string text) => AppendXml(new StringBuilder(text.Length), text, 0, text.Length).ToString();

    internal static StringBuilder AppendXml(StringBuilder builder, string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '\r': break;
                case '\n': builder.Append(' '); break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return builder;
    }

    /// <summary>A value quoted as code inside a doc comment, shortened so a hover stays readable.</summary>
    public static string Code(string text) => AppendCode(new StringBuilder(text.Length + 7), text).ToString();

    internal static StringBuilder AppendCode(StringBuilder builder, string text)
    {
        builder.Append("<c>");
        if (text.Length > 120)
            AppendXml(builder, text, 0, 117).Append("...");
        else
            AppendXml(builder, text, 0, text.Length);
        return builder.Append("</c>");
    }
}

/// <summary>
/// Names to write as a <c>string[]</c> expression: <c>global::System.Array.Empty&lt;string&gt;()</c> when there are
/// none, else <c>new[] { "a", "b" }</c>.
/// </summary>
internal readonly struct NameArray
{
    public NameArray(IReadOnlyCollection<string> names) => Names = names;

    public IReadOnlyCollection<string> Names { get; }

    public StringBuilder AppendTo(StringBuilder builder)
    {
        if (Names.Count == 0)
            return builder.Append("global::System.Array.Empty<string>()");
        builder.Append("new[] { ");
        var first = true;
        foreach (var name in Names)
        {
            if (!first)
                builder.Append(", ");
            first = false;
            CSharp.AppendString(builder, name);
        }

        return builder.Append(" }");
    }

    public override string ToString() => AppendTo(new StringBuilder()).ToString();
}

/// <summary>A value to write as a C# string literal (<see cref="CSharp.String"/>).</summary>
internal readonly struct StringLiteral
{
    public StringLiteral(string? value) => Value = value;

    public string? Value { get; }

    public override string ToString() => CSharp.String(Value);
}

/// <summary>
/// Text to write escaped for a doc comment (<see cref="CSharp.Xml"/>), as <see cref="CSharp.Code"/> when <see cref="IsCode"/>,
/// followed by <c>" line N"</c> when <see cref="Line"/> is set (an <see cref="ApiSource"/>).
/// </summary>
internal readonly struct XmlText
{
    public XmlText(string text, bool code, int line)
    {
        Text = text;
        IsCode = code;
        Line = line;
    }

    public string Text { get; }

    public bool IsCode { get; }

    public int Line { get; }

    public StringBuilder AppendTo(StringBuilder builder)
    {
        if (IsCode)
            return CSharp.AppendCode(builder, Text);
        CSharp.AppendXml(builder, Text, 0, Text.Length);
        return Line > 0 ? builder.Append(" line ").Append(Line) : builder;
    }

    public override string ToString() => AppendTo(new StringBuilder()).ToString();
}
