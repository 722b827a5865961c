using ComposeGen.Parsing;

namespace ComposeGen.Tests.Parsing;

/// <summary>
/// "Did you mean" stops measuring a candidate once it is past the distance a typo may have: the answers must be
/// those of the full optimal-string-alignment table.
/// </summary>
public class NameSuggestionTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("orders-db", "orders-db", 0)]
    [InlineData("ordres-db", "orders-db", 1)] // a swap of two letters
    [InlineData("orders-d", "orders-db", 1)]
    [InlineData("redis", "cache", 5)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_is_the_optimal_string_alignment_distance(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Compute(a, b));
        Assert.Equal(expected, EditDistance.Compute(b, a));
    }

    [Fact]
    public void Bounded_distance_is_exact_within_the_limit_and_past_it_otherwise()
    {
        var random = new Random(5);
        for (var n = 0; n < 20_000; n++)
        {
            var a = Word(random);
            var b = random.Next(3) == 0 ? Mutate(a, random) : Word(random);
            var exact = Reference(a, b);
            Assert.Equal(exact, EditDistance.Compute(a, b));
            for (var limit = 0; limit <= 4; limit++)
            {
                var bounded = EditDistance.Compute(a, b, limit);
                if (exact <= limit)
                    Assert.Equal(exact, bounded);
                else
                    Assert.True(bounded > limit, $"'{a}' '{b}' limit {limit}: {bounded}, exact {exact}");
            }
        }
    }

    [Fact]
    public void Closest_gives_what_the_full_table_gives()
    {
        var random = new Random(8);
        for (var n = 0; n < 3_000; n++)
        {
            var known = Enumerable.Range(0, random.Next(1, 12)).Select(_ => Word(random)).ToList();
            var name = random.Next(2) == 0 ? Mutate(known[random.Next(known.Count)], random) : Word(random);
            Assert.Equal(ReferenceClosest(name, known), NameSuggestion.Closest(name, known));
        }
    }

    [Fact]
    public void Closest_prefers_the_nearest_then_the_ordinal_first()
    {
        Assert.Equal("orders-db", NameSuggestion.Closest("ordres-db", new[] { "orders-dc", "orders-db", "billing" }));
        Assert.Equal("aab", NameSuggestion.Closest("aaa", new[] { "aac", "aab" }));
        Assert.Null(NameSuggestion.Closest("redis", new[] { "cache", "postgres" }));
        Assert.Equal("café-db", NameSuggestion.Closest("cafe-db", new[] { "café-db", "cache-db" }));
        Assert.Equal("cafe-db", NameSuggestion.Closest("café-db", new[] { "cafe-db", "orders" }));
    }

    private static string Word(Random random)
    {
        const string letters = "abcde-1\u00e9";
        var length = random.Next(0, 14);
        return new string(Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)]).ToArray());
    }

    private static string Mutate(string word, Random random)
    {
        var chars = word.ToList();
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.Insert(at, (char)('a' + random.Next(5))); break;
                case 1 when chars.Count > 0: chars.RemoveAt(at); break;
                case 2 when chars.Count > 0: chars[at] = (char)('a' + random.Next(5)); break;
                case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }

        return new string(chars.ToArray());
    }

    /// <summary>The full table, as "did you mean" was first written.</summary>
    private static int Reference(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }

    private static string? ReferenceClosest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Reference(name, candidate);
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Max(1, Math.Min(3, name.Length / 3)) ? best : null;
    }
}
