using ComposeGen.Analysis.CSharp;
using ComposeGen.Analysis.Networking;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>Each distinct literal value is scanned once per process, within bounds, and always gets the scan's answer.</summary>
public class ScannedLiteralsTests
{
    [Fact]
    public void A_value_seen_before_is_not_scanned_again()
    {
        var scanned = new ScannedLiterals();

        var first = scanned.Of("Host=orders-db;Port=5432");
        var again = scanned.Of(new string("Host=orders-db;Port=5432".ToCharArray())); // equal content, another instance

        Assert.Same(first, again);
        Assert.Equal("orders-db", Assert.Single(first).Host);
    }

    [Fact]
    public void Answers_are_the_extractors()
    {
        var scanned = new ScannedLiterals();
        foreach (var value in new[] { "redis://cache:6379", "saved: {1}", "Server=mysql-9;Database=shop", "cache:6379", "12:30", "" })
            Assert.Equal(HostReferenceExtractor.Extract(value).Select(r => (r.Host, r.Offset)), scanned.Of(value).Select(r => (r.Host, r.Offset)));
    }

    [Fact]
    public void Long_values_are_scanned_but_not_kept()
    {
        var scanned = new ScannedLiterals();
        var value = "redis://cache:6379/" + new string('x', 2_000);

        var first = scanned.Of(value);

        Assert.NotSame(first, scanned.Of(value));
        Assert.Equal("cache", Assert.Single(first).Host);
    }

    [Fact]
    public void A_full_table_starts_over_and_keeps_answering()
    {
        var scanned = new ScannedLiterals();
        var kept = scanned.Of("Host=db-0;Port=1");
        for (var i = 1; i <= 20_000; i++)
            scanned.Of($"Host=db-{i};Port=1");

        var after = scanned.Of("Host=db-0;Port=1");

        Assert.NotSame(kept, after); // forgotten when the table started over
        Assert.Equal("db-0", Assert.Single(after).Host);
    }
}
