using System.Text;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>The escapes of a double-quoted scalar, as YamlDotNet's scanner decodes them.</summary>
internal static class DoubleQuotedEscapes
{
    /// <summary>
    /// Decodes the escape whose code (the character after the backslash) is at <paramref name="index"/> onto
    /// <paramref name="value"/>. Returns how many characters it used after the backslash, or -1 to decline: an escaped
    /// line break, an unknown code, a bad hex number, or a surrogate (YamlDotNet pairs those up or fails).
    /// </summary>
    public static int Append(string text, int index, StringBuilder value)
    {
        if (index >= text.Length)
            return -1;
        var code = text[index];
        var digits = code switch
        {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if (digits == 0)
        {
            var simple = Simple(code);
            if (simple < 0)
                return -1;
            value.Append((char)simple);
            return 1;
        }

        if (index + digits >= text.Length)
            return -1;
        var character = 0;
        for (var k = 1; k <= digits; k++)
        {
            var digit = HexValue(text[index + k]);
            if (digit < 0)
                return -1;
            character = (character << 4) + digit;
        }

        if (character is >= 0xD800 and <= 0xDFFF || character is < 0 or > 0x10FFFF)
            return -1;
        value.Append(char.ConvertFromUtf32(character));
        return 1 + digits;
    }

    private static int Simple(char code) => code switch
    {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' => '\x09',
        'n' => '\x0A',
        'v' => '\x0B',
        'f' => '\x0C',
        'r' => '\x0D',
        'e' => '\x1B',
        ' ' => ' ',
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        'N' => '\x85',
        '_' => '\xA0',
        'L' => '\u2028',
        'P' => '\u2029',
        _ => -1,
    };

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
