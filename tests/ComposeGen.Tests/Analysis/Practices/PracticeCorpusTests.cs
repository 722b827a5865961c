using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;
using ComposeGen.Tests.Conformance;
using Xunit.Abstractions;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>
/// Precision on real files: every practice rule over every valid corpus file. Nothing may throw, and
/// every finding goes to the test output to be judged (the verdicts are in the test below).
/// </summary>
public class PracticeCorpusTests
{
    private readonly ITestOutputHelper _output;

    public PracticeCorpusTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_rule_runs_over_every_valid_corpus_file_without_throwing()
    {
        var findings = new List<(string File, ComposeProblem Problem)>();
        var files = 0;
        foreach (var corpusCase in CorpusFiles.All().Where(c => c.Valid))
        {
            files++;
            var project = CorpusFiles.Load(corpusCase).Project;
            foreach (var rule in PracticeRules.All)
            {
                var problems = rule.Check(project).ToList(); // a throw fails the test, naming the rule and the file
                Assert.All(problems, p => Assert.Contains(p.Id, rule.Ids));
                findings.AddRange(problems.Select(p => (corpusCase.RelativePath, p)));
            }
        }

        _output.WriteLine($"{files} valid files, {findings.Count} findings");
        foreach (var group in findings.GroupBy(f => f.Problem.Id).OrderBy(g => g.Key))
            _output.WriteLine($"{group.Key}: {group.Count()}");
        foreach (var (file, problem) in findings.OrderBy(f => f.Problem.Id).ThenBy(f => f.File, StringComparer.Ordinal))
            _output.WriteLine($"{problem.Id}\t{file}({problem.Span.StartLine},{problem.Span.StartColumn})\t{problem.Message}");
    }

    [Fact]
    public void No_rule_throws_on_the_files_compose_rejects_either()
    {
        foreach (var corpusCase in CorpusFiles.All().Where(c => !c.Valid))
        {
            var project = CorpusFiles.Load(corpusCase).Project;
            foreach (var rule in PracticeRules.All)
                _ = rule.Check(project).ToList();
        }
    }

    /// <summary>
    /// The awesome-compose findings, each judged by hand (all true positives): CG4001 databases, caches and brokers with no volume; CG4004 data ports on all
    /// interfaces; CG4005 literal passwords and DSNs; CG4006 the Docker socket and host networking.
    /// A new finding, or a lost one, fails here to be judged again. CG4007 is only counted (20: every
    /// image there without a tag or with :latest, none of them built by compose).
    /// </summary>
    private static readonly (string Id, string File, int Line, int Column)[] AwesomeComposeVerdicts =
    {
        ("CG4001", "aspnet-mssql/compose.yaml", 11, 12),
        ("CG4001", "elasticsearch-logstash-kibana/compose.yaml", 3, 12),
        ("CG4001", "flask-redis/compose.yaml", 3, 12),
        ("CG4001", "nextcloud-redis-mariadb/compose.yaml", 19, 12),
        ("CG4001", "nginx-flask-mongo/compose.yaml", 29, 12),
        ("CG4001", "nginx-nodejs-redis/compose.yaml", 4, 12),
        ("CG4001", "postgresql-pgadmin/compose.yaml", 4, 12),
        ("CG4001", "wasmedge-kafka-mysql/compose.yml", 3, 12),
        ("CG4001", "wasmedge-kafka-mysql/compose.yml", 34, 12),
        ("CG4001", "wasmedge-mysql-nginx/compose.yml", 23, 12),
        ("CG4004", "elasticsearch-logstash-kibana/compose.yaml", 9, 9),
        ("CG4004", "elasticsearch-logstash-kibana/compose.yaml", 10, 9),
        ("CG4004", "flask-redis/compose.yaml", 5, 9),
        ("CG4004", "nginx-nodejs-redis/compose.yaml", 6, 9),
        ("CG4004", "postgresql-pgadmin/compose.yaml", 10, 9),
        ("CG4004", "react-rust-postgres/compose.yaml", 42, 9),
        ("CG4004", "wasmedge-kafka-mysql/compose.yml", 14, 9),
        ("CG4004", "wasmedge-kafka-mysql/compose.yml", 15, 9),
        ("CG4004", "wasmedge-kafka-mysql/compose.yml", 16, 9),
        ("CG4004", "wasmedge-kafka-mysql/compose.yml", 17, 9),
        ("CG4004", "wasmedge-kafka-mysql/compose.yml", 18, 9),
        ("CG4005", "aspnet-mssql/compose.yaml", 9, 20),
        ("CG4005", "gitea-postgres/compose.yaml", 9, 9),
        ("CG4005", "gitea-postgres/compose.yaml", 19, 9),
        ("CG4005", "nextcloud-postgres/compose.yaml", 6, 9),
        ("CG4005", "nextcloud-postgres/compose.yaml", 17, 9),
        ("CG4005", "nextcloud-redis-mariadb/compose.yaml", 17, 9),
        ("CG4005", "nextcloud-redis-mariadb/compose.yaml", 36, 9),
        ("CG4005", "nextcloud-redis-mariadb/compose.yaml", 37, 9),
        ("CG4005", "prometheus-grafana/compose.yaml", 21, 9),
        ("CG4005", "react-rust-postgres/compose.yaml", 24, 9),
        ("CG4005", "react-rust-postgres/compose.yaml", 38, 9),
        ("CG4005", "wasmedge-kafka-mysql/compose.yml", 27, 21),
        ("CG4005", "wasmedge-kafka-mysql/compose.yml", 36, 28),
        ("CG4005", "wasmedge-mysql-nginx/compose.yml", 17, 21),
        ("CG4005", "wasmedge-mysql-nginx/compose.yml", 25, 28),
        ("CG4005", "wordpress-mysql/compose.yaml", 12, 9),
        ("CG4005", "wordpress-mysql/compose.yaml", 15, 9),
        ("CG4005", "wordpress-mysql/compose.yaml", 27, 9),
        ("CG4006", "plex/compose.yaml", 5, 19),
        ("CG4006", "portainer/compose.yaml", 9, 9),
        ("CG4006", "traefik-golang/compose.yaml", 10, 9),
    };

    [Fact]
    public void The_awesome_compose_findings_are_the_judged_ones()
    {
        var findings = new List<(string Id, string File, int Line, int Column)>();
        var unpinned = 0;
        foreach (var corpusCase in CorpusFiles.AwesomeCompose())
        {
            var project = CorpusFiles.Load(corpusCase).Project;
            foreach (var problem in PracticeRules.Run(project))
            {
                if (problem.Id == "CG4007")
                    unpinned++;
                else
                    findings.Add((problem.Id, corpusCase.RelativePath.Substring("awesome-compose/".Length), problem.Span.StartLine, problem.Span.StartColumn));
            }
        }

        Assert.Equal(
            AwesomeComposeVerdicts.OrderBy(f => f.Id).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line),
            findings.OrderBy(f => f.Id).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line));
        Assert.Equal(20, unpinned);
    }
}
