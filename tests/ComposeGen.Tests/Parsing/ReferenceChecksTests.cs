using ComposeGen.Analysis;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Parsing;

/// <summary>The consistency checks docker compose runs before accepting a project.</summary>
public class ReferenceChecksTests
{
    private static IReadOnlyList<ComposeGen.Parsing.ComposeProblem> Check(string yaml) => ReferenceChecks.Run(TestCompose.Load(yaml).Project);

    [Fact]
    public void A_complete_project_passes()
        => Assert.Empty(Check("""
            services:
              web:
                image: web
                depends_on: [db]
                networks: [front, default]
                volumes: [static:/static]
                secrets: [key]
              db:
                image: postgres
                network_mode: "service:web"
            networks: {front: {}}
            volumes: {static: {}}
            secrets: {key: {file: ./key}}
            """));

    [Theory]
    [InlineData("networks: [back]", "CG2002", "uses network 'back', which is not declared")]
    [InlineData("volumes: [\"data:/data\"]", "CG2001", "mounts volume 'data', which is not declared")]
    [InlineData("secrets: [key]", "CG2003", "uses secret 'key'")]
    [InlineData("configs: [conf]", "CG2003", "uses config 'conf'")]
    [InlineData("depends_on: [dbb]", "CG2004", "depends on undefined service 'dbb'; did you mean 'db'?")]
    [InlineData("links: [\"cache:c\"]", "CG2004", "links to undefined service 'cache'")]
    [InlineData("network_mode: \"service:vpn\"", "CG2004", "uses the network_mode of undefined service 'vpn'")]
    [InlineData("ipc: \"service:vpn\"", "CG2004", "uses the ipc of undefined service 'vpn'")]
    public void An_undefined_reference_is_reported_on_the_reference(string field, string id, string message)
    {
        var problem = Assert.Single(Check($"services:\n  db: {{image: postgres}}\n  web:\n    image: web\n    {field}\n"));
        Assert.Equal(id, problem.Id);
        Assert.Contains(message, problem.Message);
        Assert.Equal(5, problem.Span.StartLine);
    }

    [Fact]
    public void A_depends_on_cycle_names_the_whole_cycle()
    {
        var problem = Assert.Single(Check("services:\n  a: {image: a, depends_on: [b]}\n  b: {image: b, depends_on: [c]}\n  c: {image: c, depends_on: [a]}\n"));
        Assert.Equal("CG2005", problem.Id);
        Assert.Equal("dependency cycle detected: a -> b -> c -> a", problem.Message);
    }

    [Fact]
    public void A_service_depending_on_itself_is_a_cycle()
        => Assert.Equal("dependency cycle detected: a -> a", Assert.Single(Check("services:\n  a: {image: a, depends_on: [a]}\n")).Message);

    [Fact]
    public void Network_mode_with_networks_is_reported()
        => Assert.Equal("CG2009", Assert.Single(Check("services:\n  a:\n    image: a\n    network_mode: host\n    networks: [default]\n")).Id);
}
