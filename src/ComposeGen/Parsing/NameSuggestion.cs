using System;
using System.Collections.Generic;

namespace ComposeGen.Parsing;

/// <summary>"Did you mean": the known name closest to a misspelt one, when it is close enough to be a typo.</summary>
public static class NameSuggestion
{
    public static string? Closest(string name, IEnumerable<string> known)
    {
        // Only a name within this distance is suggested, so a candidate farther than the limit (or than the best so
        // far) need not be measured exactly: it counts as limit + 1. Two cheap bounds rule most candidates out before
        // the table is filled (in EditDistance.Compute: the difference in length; here: the letters not in common),
        // and the table itself stops once its rows are past the limit.
        var limit = Limit(name);
        var letters = Letters(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var cap = Math.Min(limit, bestDistance);
            var distance = letters is not null && LettersBound(letters, name, candidate) > cap
                ? cap + 1
                : EditDistance.Compute(name, candidate, cap);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= limit ? best : null;
    }

    [ThreadStatic]
    private static int[]? _letters;

    /// <summary>How many times each ASCII character occurs in <paramref name="name"/>; null when it has other characters (no bound then).</summary>
    private static int[]? Letters(string name)
    {
        var counts = _letters ??= new int[128];
        Array.Clear(counts, 0, counts.Length);
        foreach (var c in name)
        {
            if (c >= 128)
                return null;
            counts[c]++;
        }

        return counts;
    }

    /// <summary>
    /// A lower bound of the distance: half the characters the two do not have in common (as multisets), rounded up.
    /// An insertion or a deletion changes that count by one, a substitution by at most two, a swap not at all.
    /// </summary>
    private static int LettersBound(int[] letters, string name, string candidate)
    {
        var common = 0;
        foreach (var c in candidate)
        {
            if (c < 128 && --letters[c] >= 0)
                common++;
        }

        foreach (var c in candidate)
        {
            if (c < 128)
                letters[c]++;
        }

        var notInCommon = name.Length + candidate.Length - 2 * common;
        return (notInCommon + 1) / 2;
    }

    /// <summary>The largest distance accepted as a typo of <paramref name="name"/>.</summary>
    private static int Limit(string name) => Math.Max(1, Math.Min(3, name.Length / 3));
}

/// <summary>Optimal string alignment distance (a swap of two letters costs one), for "did you mean".</summary>
public static class EditDistance
{
    /// <summary>Names longer than this are not compared (their distance is taken as the longer length).</summary>
    private const int MaxLength = 64;

    [ThreadStatic]
    private static int[]? _rows;

    public static int Compute(string a, string b) => Compute(a, b, int.MaxValue);

    /// <summary>
    /// The distance when it is at most <paramref name="limit"/>; otherwise some value above the limit
    /// (<c>limit + 1</c>), found without finishing the table when the rows already exceed it.
    /// </summary>
    public static int Compute(string a, string b, int limit)
    {
        if (a.Length > MaxLength || b.Length > MaxLength)
            return Cap(Math.Max(a.Length, b.Length), limit);
        if (Math.Abs(a.Length - b.Length) > limit)
            return limit + 1; // the distance is at least the difference in length

        // Three rolling rows of the (a.Length + 1) × (b.Length + 1) table: i - 2, i - 1 and i.
        var width = b.Length + 1;
        var rows = _rows;
        if (rows is null || rows.Length < 3 * width)
            _rows = rows = new int[3 * (MaxLength + 1)];
        int before = 0, previous = width, current = 2 * width;
        for (var j = 0; j <= b.Length; j++)
            rows[previous + j] = j;
        var previousMin = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            rows[current] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(rows[previous + j] + 1, rows[current + j - 1] + 1), rows[previous + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d = Math.Min(d, rows[before + j - 2] + 1);
                rows[current + j] = d;
                if (d < rowMin)
                    rowMin = d;
            }

            // Every later cell is at least min(this row's minimum, the previous row's minimum + 1): past the limit, it stays past.
            if (rowMin > limit && previousMin + 1 > limit)
                return limit + 1;
            previousMin = rowMin;
            var free = before;
            before = previous;
            previous = current;
            current = free;
        }

        return Cap(rows[previous + b.Length], limit);
    }

    private static int Cap(int distance, int limit) => distance > limit ? limit + 1 : distance;
}
