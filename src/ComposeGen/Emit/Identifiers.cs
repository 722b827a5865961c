using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ComposeGen.Emit;

/// <summary>
/// Turns compose keys into C# identifiers (the rules are listed in the README):
/// <list type="number">
/// <item>Every character that is not a letter or digit separates words; each word gets an upper-case
/// first letter and keeps the rest: <c>orders-db</c>, <c>orders_db</c>, <c>orders.db</c> → <c>OrdersDb</c>,
/// <c>postgresDB</c> → <c>PostgresDB</c>. A word written all in capitals is read as a word:
/// <c>POSTGRES_PASSWORD</c> → <c>PostgresPassword</c>. Non-ASCII letters are kept (C# allows them).</item>
/// <item>A name that starts with a digit gets a leading <c>_</c> (<c>2fa</c> → <c>_2fa</c>); a key with no letter
/// or digit at all becomes <c>_</c>. C# keywords are all lower case, so PascalCase never produces one.</item>
/// <item>A name that equals a member the container already has (e.g. <c>All</c> in <c>Compose.Services</c>)
/// or the container's own name gets the kind as suffix (<c>AllService</c>, <c>ServicesService</c>).</item>
/// <item>Keys that still map to the same name are numbered in ordinal order of the keys: the first keeps
/// the name, the next get <c>2</c>, <c>3</c>, ... (<c>orders-db</c> → <c>OrdersDb</c>, <c>orders_db</c> → <c>OrdersDb2</c>).</item>
/// </list>
/// </summary>
internal static class Identifiers
{
    public static string Pascal(string key)
    {
        var text = new StringBuilder(key.Length + 1);
        var start = 0;
        for (var i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && IsIdentifierPart(key[i]))
                continue;
            if (i > start)
                AppendWord(text, key, start, i - start);
            start = i + 1;
        }

        if (text.Length == 0)
            return "_";
        if (char.IsDigit(text[0]))
            text.Insert(0, '_');
        return text.ToString();
    }

    /// <summary>One word (a run of letters and digits): upper-case first letter, the rest kept, or lowered when the word is SHOUTING.</summary>
    private static void AppendWord(StringBuilder text, string key, int start, int length)
    {
        // SHOUTING_CASE words (environment variables) read as words: POSTGRES_PASSWORD → PostgresPassword.
        var hasLetter = false;
        var hasLower = false;
        for (var i = start; i < start + length; i++)
        {
            hasLetter |= char.IsLetter(key[i]);
            hasLower |= char.IsLower(key[i]);
        }

        var shouting = length > 1 && hasLetter && !hasLower;
        text.Append(char.ToUpperInvariant(key[start]));
        if (shouting)
            text.Append(key.Substring(start + 1, length - 1).ToLowerInvariant());
        else
            text.Append(key, start + 1, length - 1);
    }

    /// <summary>
    /// Names for all <paramref name="keys"/> at once, so collisions resolve the same way every build.
    /// <paramref name="reserved"/> are names the container already uses; <paramref name="suffix"/> is the kind word.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Assign(IEnumerable<string> keys, IEnumerable<string> reserved, string suffix)
    {
        var reservedNames = new HashSet<string>(reserved, System.StringComparer.Ordinal);
        var taken = new HashSet<string>(reservedNames, System.StringComparer.Ordinal);
        var result = new Dictionary<string, string>(System.StringComparer.Ordinal);
        // keys.Distinct().OrderBy(ordinal), without the iterators: sorted, then each run of equal keys once.
        var sorted = new List<string>(keys);
        sorted.Sort(System.StringComparer.Ordinal);
        for (var i = 0; i < sorted.Count; i++)
        {
            var key = sorted[i];
            if (i > 0 && string.Equals(key, sorted[i - 1], System.StringComparison.Ordinal))
                continue;
            var name = Pascal(key);
            if (reservedNames.Contains(name))
                name += suffix;
            var candidate = name;
            for (var n = 2; taken.Contains(candidate); n++)
                candidate = name + n.ToString(CultureInfo.InvariantCulture);
            taken.Add(candidate);
            result[key] = candidate;
        }

        return result;
    }

    /// <summary>True when <paramref name="name"/> is already a usable C# identifier (not a keyword).</summary>
    public static bool IsValid(string name)
        => name.Length > 0
        && (char.IsLetter(name[0]) || name[0] == '_')
        && name.All(c => IsIdentifierPart(c) || c == '_')
        && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;

    private static bool IsIdentifierPart(char c)
    {
        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.DecimalDigitNumber:
                return true;
            default:
                return false;
        }
    }
}
