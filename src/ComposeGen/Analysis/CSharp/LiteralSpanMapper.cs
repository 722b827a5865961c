using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// Maps characters of a string's value back to the source: for a literal token (regular, verbatim <c>@"</c>,
/// single-line raw <c>"""</c>) or the text part of an interpolated string (regular, verbatim, raw), the
/// source position of each value character, accounting for the opening quote(s), escapes (<c>\n</c>,
/// <c>\u0041</c>, <c>""</c>, <c>{{</c>). Multi-line raw strings (whose indentation is removed from the value)
/// and anything the decoding does not reproduce exactly give null: the caller uses the whole literal.
/// </summary>
internal static class LiteralSpanMapper
{
    /// <summary>The source span of value characters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>), or null when it is not certain.</summary>
    public static TextSpan? Map(SyntaxToken token, int start, int length)
    {
        if (length <= 0 || start < 0)
            return null;
        if (IsPlainRegularLiteral(token))
        {
            // "text" without escapes, by far the most common: each value character sits one after the opening quote.
            return start + length <= token.ValueText.Length ? new TextSpan(token.SpanStart + 1 + start, length) : null;
        }

        var positions = Positions(token);
        if (positions is null || start + length > positions.Count - 1)
            return null;
        var from = positions[start];
        var to = positions[start + length - 1];
        // The end of the last character: the next character's position (the list has a sentinel after the last one).
        var end = positions[start + length];
        if (from < 0 || to < from || end <= to)
            return null;
        return TextSpan.FromBounds(token.SpanStart + from, token.SpanStart + end);
    }

    /// <summary>A regular string literal whose text is its value between two quotes: no escapes to decode.</summary>
    private static bool IsPlainRegularLiteral(SyntaxToken token)
    {
        if (!token.IsKind(SyntaxKind.StringLiteralToken))
            return false;
        var text = token.Text;
        var value = token.ValueText;
        return text.Length == value.Length + 2 && text[0] == '"' && text[text.Length - 1] == '"'
               && string.CompareOrdinal(text, 1, value, 0, value.Length) == 0;
    }

    /// <summary>For each value character, its offset in the token text, plus one sentinel: the offset just after the last character.</summary>
    private static List<int>? Positions(SyntaxToken token)
    {
        var text = token.Text;
        var value = token.ValueText;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken:
                if (text.Length >= 3 && text[0] == '@' && text[1] == '"' && text[text.Length - 1] == '"')
                    return Decode(text, 2, text.Length - 1, verbatim: true, interpolated: false, value);
                if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
                    return Decode(text, 1, text.Length - 1, verbatim: false, interpolated: false, value);
                return null;
            case SyntaxKind.SingleLineRawStringLiteralToken:
            {
                var quotes = 0;
                while (quotes < text.Length && text[quotes] == '"')
                    quotes++;
                if (text.Length < quotes * 2 || text.Length - 2 * quotes != value.Length)
                    return null;
                return Identity(quotes, value, text);
            }

            case SyntaxKind.InterpolatedStringTextToken:
            {
                if (token.Parent?.Parent is not InterpolatedStringExpressionSyntax interpolated)
                    return null;
                switch (interpolated.StringStartToken.Kind())
                {
                    // Whether the value keeps "{{" doubled depends on the compiler version: take the decoding that reproduces it.
                    case SyntaxKind.InterpolatedStringStartToken:
                        return Decode(text, 0, text.Length, verbatim: false, interpolated: true, value)
                               ?? Decode(text, 0, text.Length, verbatim: false, interpolated: false, value);
                    case SyntaxKind.InterpolatedVerbatimStringStartToken:
                        return Decode(text, 0, text.Length, verbatim: true, interpolated: true, value)
                               ?? Decode(text, 0, text.Length, verbatim: true, interpolated: false, value);
                    case SyntaxKind.InterpolatedSingleLineRawStringStartToken:
                        return text == value ? Identity(0, value, text) : null;
                    default:
                        return null;
                }
            }

            default:
                return null;
        }
    }

    private static List<int>? Identity(int offset, string value, string text)
    {
        var positions = new List<int>(value.Length + 1);
        for (var i = 0; i < value.Length; i++)
        {
            if (text[offset + i] != value[i])
                return null;
            positions.Add(offset + i);
        }

        positions.Add(offset + value.Length);
        return positions;
    }

    private static List<int>? Decode(string text, int start, int end, bool verbatim, bool interpolated, string expected)
    {
        var positions = new List<int>(expected.Length + 1);
        var decoded = new System.Text.StringBuilder(expected.Length);
        var i = start;
        while (i < end)
        {
            var c = text[i];
            var at = i;
            if (interpolated && (c == '{' || c == '}') && i + 1 < end && text[i + 1] == c)
            {
                decoded.Append(c);
                positions.Add(at);
                i += 2;
                continue;
            }

            if (verbatim)
            {
                if (c == '"')
                {
                    if (i + 1 < end && text[i + 1] == '"')
                    {
                        decoded.Append('"');
                        positions.Add(at);
                        i += 2;
                        continue;
                    }

                    return null;
                }

                decoded.Append(c);
                positions.Add(at);
                i++;
                continue;
            }

            if (c != '\\')
            {
                decoded.Append(c);
                positions.Add(at);
                i++;
                continue;
            }

            if (i + 1 >= end)
                return null;
            var e = text[i + 1];
            i += 2;
            switch (e)
            {
                case '\'': decoded.Append('\''); break;
                case '"': decoded.Append('"'); break;
                case '\\': decoded.Append('\\'); break;
                case '0': decoded.Append('\0'); break;
                case 'a': decoded.Append('\a'); break;
                case 'b': decoded.Append('\b'); break;
                case 'e': decoded.Append('\u001b'); break;
                case 'f': decoded.Append('\f'); break;
                case 'n': decoded.Append('\n'); break;
                case 'r': decoded.Append('\r'); break;
                case 't': decoded.Append('\t'); break;
                case 'v': decoded.Append('\v'); break;
                case 'u':
                case 'x':
                case 'U':
                {
                    var max = e == 'U' ? 8 : 4;
                    var digits = 0;
                    var code = 0L;
                    while (digits < max && i < end && Hex(text[i]) is var h && h >= 0)
                    {
                        code = code * 16 + h;
                        digits++;
                        i++;
                    }

                    if (digits == 0 || (e != 'x' && digits != max))
                        return null;
                    if (code > 0xFFFF)
                    {
                        if (code > 0x10FFFF)
                            return null;
                        var s = char.ConvertFromUtf32((int)code);
                        decoded.Append(s);
                        positions.Add(at);
                        positions.Add(at);
                        continue;
                    }

                    decoded.Append((char)code);
                    break;
                }

                default:
                    return null;
            }

            positions.Add(at);
        }

        if (decoded.ToString() != expected)
            return null;
        positions.Add(end);
        return positions;
    }

    private static int Hex(char c)
        => c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
}
