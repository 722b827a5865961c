using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ComposeGen.Analysis.Networking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ComposeGen.Benchmarks;

/// <summary>
/// A stand-in for the C# literal analyzer (a later issue; not written yet): <see cref="HostReferenceExtractor"/>
/// over 5,000 seeded C# string literals, one in ten a host reference, and the same literals spread over a
/// 2,000-file C# project whose syntax trees are walked for string literals (trees parsed in setup: parsing is
/// the compiler's cost, not the analyzer's). No analyzer driver is involved: this is the per-literal work only.
/// </summary>
[MemoryDiagnoser]
public class LiteralBenchmarks
{
    private string[] _literals = null!;
    private SyntaxTree[] _trees = null!;

    [Params(5000)]
    public int Literals { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _literals = SyntheticLiterals.Generate(Literals);
        var files = 2000;
        _trees = Enumerable.Range(0, files)
            .Select(f => CSharpSyntaxTree.ParseText(SyntheticLiterals.File(f, _literals.Where((_, i) => i % files == f)), Roslyn.ParseOptions, $"/bench/literals/File{f}.cs"))
            .ToArray();
    }

    /// <summary>The cheap test every literal pays, then the full extraction for the few that pass it.</summary>
    [Benchmark(Description = "literals: MayContainHost + Extract")]
    public int Extract()
    {
        var found = 0;
        foreach (var literal in _literals)
        {
            if (HostReferenceExtractor.MayContainHost(literal))
                found += HostReferenceExtractor.Extract(literal).Count;
        }

        return found;
    }

    /// <summary>Floor of the walk: find every string literal token of 2,000 files and read its value.</summary>
    [Benchmark(Description = "2,000 files: walk string literals only")]
    public int WalkOnly()
    {
        var length = 0;
        foreach (var tree in _trees)
        {
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken))
                    length += token.ValueText.Length;
            }
        }

        return length;
    }

    /// <summary>The walk plus the extractor on each literal: what the literal analyzer would add per build.</summary>
    [Benchmark(Description = "2,000 files: walk + extract")]
    public int WalkAndExtract()
    {
        var found = 0;
        foreach (var tree in _trees)
        {
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken) && HostReferenceExtractor.MayContainHost(token.ValueText))
                    found += HostReferenceExtractor.Extract(token.ValueText).Count;
            }
        }

        return found;
    }
}

/// <summary>Seeded C# string literals of the kinds a service's code holds: most are not host references.</summary>
public static class SyntheticLiterals
{
    /// <summary>
    /// The stress set: host references name <c>orders-db-N</c>, <c>redis-N</c> and <c>api-N</c> with N the
    /// literal's index (up to <paramref name="count"/> − 1), so against a 100-service project most of them are unknown.
    /// </summary>
    public static string[] Generate(int count, int seed = 8)
    {
        var random = new Random(seed);
        var result = new string[count];
        for (var i = 0; i < count; i++)
            result[i] = Literal(random, i, host: null);
        return result;
    }

    /// <summary>
    /// The realistic set: the same literals as <see cref="Generate"/> (same seed, same non-host literals, the
    /// host references at the same places), but each host reference names a service of the compose project,
    /// written the way that service's kind is addressed (<c>postgres://…@orders-db-4:5432/db</c>,
    /// <c>Host=orders-db-4;…</c>, <c>cache-9:6379,…</c>, <c>Server=mysql-14;…</c>, <c>mongodb://…</c>,
    /// <c>amqp://…</c>, <c>http://api-8:8080/…</c>). Of the host references, about 1% name a service this
    /// project cannot reach (<paramref name="unreachable"/>) and about 1% are a one-letter typo of a reachable
    /// name (not itself a name in <paramref name="known"/>); the rest name <paramref name="reachable"/> services.
    /// </summary>
    public static string[] GenerateRealistic(int count, IReadOnlyList<string> reachable, IReadOnlyList<string> unreachable, ISet<string> known, int seed = 8)
    {
        var random = new Random(seed);
        var hosts = new Random(seed + 1); // a stream of its own, so the other literals stay those of the stress set
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Literal(random, i, shape =>
            {
                var roll = hosts.Next(100);
                var name = roll == 0 && unreachable.Count > 0 ? unreachable[hosts.Next(unreachable.Count)] : reachable[hosts.Next(reachable.Count)];
                var written = roll == 1 ? Typo(name, hosts, known) : name;
                return Addressed(name, written, shape);
            });
        }

        return result;
    }

    /// <summary>A one-letter slip in the alphabetic part of a name (dropped, doubled or swapped letters) that is not itself a known name.</summary>
    private static string Typo(string name, Random random, ISet<string> known)
    {
        var letters = 0;
        while (letters < name.Length && char.IsLetter(name[letters]))
            letters++;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var at = random.Next(Math.Max(1, letters - 1));
            var typo = random.Next(3) switch
            {
                0 => name.Remove(at, 1),
                1 => name.Insert(at, name[at].ToString()),
                _ => name.Substring(0, at) + name[at + 1] + name[at] + name.Substring(at + 2),
            };
            if (typo != name && !known.Contains(typo))
                return typo;
        }

        return name + "x";
    }

    /// <summary>A reference to service <paramref name="name"/> (spelled <paramref name="written"/>) the way its kind is addressed; <paramref name="shape"/> (0–3) picks among that kind's usual forms.</summary>
    private static string Addressed(string name, string written, int shape)
    {
        if (name.StartsWith("orders-db-", StringComparison.Ordinal))
            return shape % 2 == 0 ? $"postgres://user:pw@{written}:5432/db" : $"Host={written};Port=5432;Username=app;Password=secret;Database=orders";
        if (name.StartsWith("cache-", StringComparison.Ordinal))
            return shape % 2 == 0 ? $"{written}:6379,abortConnect=false" : $"redis://{written}:6379/0";
        if (name.StartsWith("mysql-", StringComparison.Ordinal))
            return $"Server={written};Port=3306;Database=db;Uid=root;Pwd=secret";
        if (name.StartsWith("mongo-", StringComparison.Ordinal))
            return $"mongodb://root:secret@{written}:27017/?authSource=admin";
        if (name.StartsWith("queue-", StringComparison.Ordinal))
            return $"amqp://guest:guest@{written}:5672/";
        return shape % 2 == 0 ? $"http://{written}:8080/v1/items" : $"http://{written}:8080/health";
    }

    public static string File(int index, IEnumerable<string> literals)
    {
        var text = new StringBuilder();
        text.Append("namespace Consumer.Literals;\n\npublic static class Literals").Append(index.ToString(CultureInfo.InvariantCulture)).Append("\n{\n");
        var n = 0;
        foreach (var literal in literals)
        {
            text.Append("    public static string Value").Append(n++.ToString(CultureInfo.InvariantCulture)).Append(" => \"")
                .Append(literal.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\";\n");
        }

        text.Append("    public static int Compute(int x) => x * 2 + 1;\n}\n");
        return text.ToString();
    }

    /// <param name="host">The realistic set's host reference for shape 0–3; null for the stress set's.</param>
    private static string Literal(Random random, int i, Func<int, string>? host)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var kind = random.Next(40);
        if (kind < 4 && host is not null)
            return host(kind);
        return kind switch
        {
            // One in ten: host references of the kinds the extractor is for.
            0 => $"postgres://user:pw@orders-db-{n}:5432/db",
            1 => $"Host=orders-db-{n};Port=5432;Username=app;Password=secret;Database=orders",
            2 => $"redis-{n}:6379,abortConnect=false",
            3 => $"http://api-{n}:8080/v1/items",
            // The rest: what code is full of.
            4 or 5 => $"Order {{0}} could not be saved: {{1}}",
            6 or 7 => $"SELECT id, name FROM items WHERE id = @id AND tenant = @tenant{n}",
            8 => $"yyyy-MM-ddTHH:mm:ss",
            9 => $"12:30",
            10 => $"/var/lib/app/data/{n}.json",
            11 => $"application/json",
            12 => $"Content-Type",
            13 => $"{{\"id\": {n}, \"name\": \"item\"}}",
            14 => $"Error: the value {n} is out of range",
            15 => $"key={n}",
            16 => $"https://docs.example.com/errors/{n}",
            17 => $"v1.2.{n}",
            18 => $"C:\\temp\\file{n}.txt",
            19 => $"user{n}@example.com",
            _ => random.Next(3) switch
            {
                0 => $"Processing item {n}",
                1 => $"item-{n}",
                _ => $"The quick brown fox {n} jumps over the lazy dog",
            },
        };
    }
}
