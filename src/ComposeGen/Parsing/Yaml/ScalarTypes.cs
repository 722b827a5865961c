using System.Globalization;

namespace ComposeGen.Parsing.Yaml;

/// <summary>
/// How compose-go (go-yaml v3) reads plain scalars: YAML 1.2 core types, plus the YAML 1.1 forms it
/// still accepts where a field is typed (yes/no/on/off booleans, 0755 octals).
/// </summary>
public static class ScalarTypes
{
    public static bool ResolvesToNonString(string plain)
        => plain is "~" or "null" or "Null" or "NULL" or "" || TryParseCoreBool(plain, out _) || TryParseInteger(plain, out _) || IsFloat(plain);

    public static bool TryParseCoreBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>A boolean field: YAML 1.2 forms and the YAML 1.1 ones go-yaml accepts for typed booleans.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        if (TryParseCoreBool(text, out value))
            return true;
        switch (text)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                value = true;
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                value = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Decimal, <c>0x</c> hex, <c>0o</c> octal, and YAML 1.1 leading-zero octal (<c>0755</c>), as go-yaml reads them.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var s = text.Replace("_", "");
        if (s.Length == 0)
            return false;
        var negative = s[0] == '-';
        if (s[0] is '-' or '+')
            s = s.Substring(1);
        if (s.Length == 0)
            return false;

        bool ok;
        if (s.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase))
            ok = long.TryParse(s.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (s.StartsWith("0o", System.StringComparison.OrdinalIgnoreCase))
            ok = TryParseOctal(s.Substring(2), out value);
        else if (s.Length > 1 && s[0] == '0')
            ok = TryParseOctal(s.Substring(1), out value);
        else
            ok = IsDigits(s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        if (ok && negative)
            value = -value;
        return ok;
    }

    public static bool IsFloat(string text)
    {
        if (text is ".inf" or "-.inf" or "+.inf" or ".Inf" or ".INF" or ".nan" or ".NaN" or ".NAN")
            return true;
        var hasDigit = false;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
                hasDigit = true;
            else if (c is not ('.' or 'e' or 'E' or '-' or '+' or '_'))
                return false;
        }

        return hasDigit && double.TryParse(text.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static bool TryParseOctal(string digits, out long value)
    {
        value = 0;
        if (digits.Length == 0 || digits.Length > 21)
            return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '7')
                return false;
            value = value * 8 + (c - '0');
        }

        return true;
    }

    private static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
                return false;
        }

        return s.Length > 0;
    }
}
