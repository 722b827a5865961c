namespace ComposeGen.Tests.Generator;

/// <summary>The generated code for representative compose files, compared with committed expected files.</summary>
public class SnapshotTests
{
    [Fact]
    public void Shop_with_postgres_redis_and_separate_networks()
        => Snapshot.Match("Shop", Generate(TestProjects.Shop));

    [Fact]
    public void Awkward_names_get_distinct_compilable_identifiers()
        => Snapshot.Match("AwkwardNames", Generate(TestProjects.AwkwardNames));

    [Theory]
    [InlineData("aspnet-mssql")]
    [InlineData("nginx-flask-mysql")]
    [InlineData("react-express-mongodb")]
    [InlineData("postgresql-pgadmin")]
    public void Awesome_compose_samples(string sample)
    {
        var directory = Path.Combine("Corpus", "awesome-compose", sample);
        var file = Directory.GetFiles(directory, "compose.y*ml").Single();
        Snapshot.Match("awesome-" + sample, Generate(File.ReadAllText(file)));
    }

    [Fact]
    public void The_configuration_extensions_appear_when_the_app_uses_Microsoft_Extensions_Configuration()
    {
        var run = GeneratorHarness.Run(TestProjects.Shop, references: ReferenceAssemblies.Net10.Concat(ReferenceAssemblies.Configuration));
        Assert.Empty(run.CompilationProblems);
        Snapshot.Match("Shop.WithConfiguration", run.Source()!);
    }

    [Fact]
    public void Extends_from_another_yaml_additional_file_reaches_that_file()
    {
        var run = GeneratorHarness.Run(
            "services:\n  web:\n    extends:\n      file: common/base.yml\n      service: base\n",
            otherFiles: new Microsoft.CodeAnalysis.AdditionalText[] { new InMemoryText(GeneratorHarness.ComposeDirectory + "/common/base.yml", "services:\n  base:\n    image: shop/base:2\n    ports: [\"8080:80\"]\n") });
        Assert.Empty(run.CompilationProblems);
        Assert.Contains("public const string Image = \"shop/base:2\";", run.Source());
    }

    [Fact]
    public void The_output_is_deterministic()
        => Assert.Equal(Generate(TestProjects.Shop), Generate(TestProjects.Shop));

    private static string Generate(string yaml)
    {
        var run = GeneratorHarness.Run(yaml);
        Assert.True(run.CompilationProblems.Count == 0, string.Join("\n", run.CompilationProblems));
        return run.Source() ?? throw new Xunit.Sdk.XunitException("nothing was generated");
    }
}
