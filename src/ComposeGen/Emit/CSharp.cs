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
        var text = new StringBuilder(value.Length + 2).Append('"');
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

        return text.Append('"').ToString();
    }

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string NullableInt(int? value) => value is null ? "null" : Int(value.Value);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Text for an XML doc comment: escaped, and kept on one line.</summary>
    public static string Xml(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
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

        return builder.ToString();
    }

    /// <summary>A value quoted as code inside a doc comment, shortened so a hover stays readable.</summary>
    public static string Code(string text) => "<c>" + Xml(text.Length > 120 ? text.Substring(0, 117) + "..." : text) + "</c>";
}
