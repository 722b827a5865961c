using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4007: images without a tag or with :latest.</summary>
public class UnpinnedImageRuleTests
{
    private static readonly UnpinnedImageRule Rule = new();

    [Fact]
    public void An_image_without_a_tag_is_reported_on_the_image()
    {
        var problem = Practice.Single(Rule, "services:\n  web:\n    image: nginx\n", 3, 12);
        Assert.Equal(ProblemSeverity.Info, problem.Severity);
        Assert.Equal(
            "service 'web' uses image 'nginx' without a tag, so it pulls 'latest': each pull may bring a different version, so builds and deployments are not reproducible; "
            + "pin a version tag or a digest (@sha256:...)",
            problem.Message);
    }

    [Fact]
    public void The_latest_tag_is_reported()
        => Assert.StartsWith(
            "service 'web' uses image 'ghcr.io/acme/web:latest' with the ':latest' tag:",
            Practice.Single(Rule, "services:\n  web:\n    image: \"ghcr.io/acme/web:latest\"\n", 3, 12).Message);

    [Fact]
    public void A_registry_with_a_port_is_not_a_tag()
        => Practice.Single(Rule, "services:\n  web:\n    image: localhost:5000/web\n", 3, 12);

    [Fact]
    public void A_template_that_resolves_to_latest_is_reported_with_both()
        => Assert.StartsWith(
            "service 'web' uses image 'acme/web:latest' ('acme/web:${TAG:-latest}' resolves to it) with the ':latest' tag:",
            Practice.Single(Rule, "services:\n  web:\n    image: acme/web:${TAG:-latest}\n", 3, 12).Message);

    [Fact]
    public void A_variable_set_to_latest_is_reported()
        => Practice.Single(Rule, "services:\n  web:\n    image: acme/web:${TAG}\n", 3, 12, new Dictionary<string, string> { ["TAG"] = "latest" });

    [Theory]
    [InlineData("nginx:1.27")]
    [InlineData("nginx:1.27-alpine")]
    [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("localhost:5000/web:2.1")]
    [InlineData("acme/web:${TAG}")]          // TAG unset: decided at run time (CG1004 reports the variable)
    [InlineData("${IMAGE}")]
    [InlineData("${REGISTRY}/web:${TAG}")]
    public void Pinned_and_unresolved_images_are_fine(string image)
        => Practice.Silent(Rule, $"services:\n  web:\n    image: {image}\n");

    [Fact]
    public void An_image_that_compose_builds_is_not_pulled()
        => Practice.Silent(Rule, """
            services:
              api:
                build: .
                image: acme/api
              worker:
                image: acme/api:latest
                command: ["dotnet", "Worker.dll"]
            """);
}
