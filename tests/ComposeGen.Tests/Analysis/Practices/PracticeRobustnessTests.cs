using System.Diagnostics;
using System.Text;
using ComposeGen.Analysis.Practices;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>SPEC §8 for the practice rules: hostile input costs bounded time and never throws.</summary>
public class PracticeRobustnessTests
{
    [Fact]
    public void Large_services_are_checked_in_bounded_time()
    {
        var yaml = new StringBuilder("services:\n  web:\n    image: node:20\n    command: [\"npm\", \"start\"]\n    environment:\n");
        yaml.Append("      DATABASE_URL: \"").Append('a', 1_000_000).Append("\"\n");
        yaml.Append("      ConnectionStrings__Db: \"").Append(string.Concat(Enumerable.Repeat("x=y;", 2_000))).Append("\"\n");
        yaml.Append("    volumes:\n");
        for (var i = 0; i < 20_000; i++)
            yaml.Append("      - ./d").Append(i).Append(":/app/d").Append(i).Append('\n');
        yaml.Append("  db:\n    image: postgres:16\n    command: \"").Append(string.Concat(Enumerable.Repeat("-c x=y ", 50_000))).Append("\"\n");
        var project = TestCompose.Load(yaml.ToString()).Project;

        var clock = Stopwatch.StartNew();
        var problems = PracticeRules.Run(project);
        clock.Stop();

        // A hang guard, not a performance figure (the benchmarks are the record): only a runaway loop exceeds it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains(problems, p => p.Id == "CG4001");
    }

    [Theory]
    [InlineData("services:\n  a:\n    image: \"\"\n")]
    [InlineData("services:\n  a:\n    image: \":\"\n")]
    [InlineData("services:\n  a:\n    image: \"@\"\n")]
    [InlineData("services:\n  a:\n    image: postgres:99999999999999999999\n")]
    [InlineData("services:\n  a:\n    image: influxdb:99999999999\n    command: [\"--data-dir\"]\n")]
    [InlineData("services:\n  a:\n    image: minio/minio\n    command: server {}/{...} / // --address\n")]
    [InlineData("services:\n  a:\n    image: redis\n    command: \"redis-server --save \\\"unterminated\"\n")]
    [InlineData("services:\n  a:\n    image: nats\n    command: -js -sd\n")]
    [InlineData("services:\n  a:\n    image: node\n    volumes: [\"/:/\", \".:/\"]\n")]
    [InlineData("services:\n  a:\n    image: postgres\n    environment: {PGDATA: \"..\"}\n    tmpfs: [\":size=1\", \"\"]\n")]
    [InlineData("services:\n  a:\n    image: cockroachdb/cockroach\n    command: --store=path=,type=x\n")]
    public void Odd_values_do_not_throw(string yaml)
    {
        var project = TestCompose.Load(yaml).Project;
        foreach (var rule in PracticeRules.All)
            _ = rule.Check(project).ToList();
    }
}
