using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4003: a bind-mounted Node.js app directory hides node_modules.</summary>
public class NodeModulesShadowRuleTests
{
    private static readonly NodeModulesShadowRule Rule = new();

    [Fact]
    public void A_node_image_with_the_project_bound_on_app_is_reported_on_the_mount()
    {
        var problem = Practice.Single(Rule, """
            services:
              web:
                image: node:20-alpine
                working_dir: /app
                command: npm run dev
                volumes:
                  - .:/app
            """, 7, 9);
        Assert.Equal(ProblemSeverity.Info, problem.Severity);
        Assert.Equal(
            "service 'web' bind-mounts '.' on /app with no volume on /app/node_modules: the bind mount hides the node_modules installed in the image "
            + "(or hands the container the host's, built for another OS); add an anonymous volume '/app/node_modules' to the service's volumes",
            problem.Message);
    }

    [Fact]
    public void A_built_service_whose_command_runs_npm_and_binds_its_build_context_counts()
        => Assert.Contains(
            "bind-mounts './frontend/' on /usr/src/web",
            Practice.Single(Rule, """
                services:
                  frontend:
                    build: ./frontend
                    command: ["npm", "start"]
                    volumes:
                      - ./frontend/:/usr/src/web
                """, 6, 9).Message);

    [Theory]
    [InlineData("- .:/app\n      - /app/node_modules")]                // the usual fix: an anonymous volume
    [InlineData("- .:/app\n      - modules:/app/node_modules")]        // a named one
    [InlineData("- .:/app/\n      - /app/node_modules/")]
    [InlineData("- ./src:/app/src")]                                   // hides nothing: node_modules is in /app
    [InlineData("- ./package.json:/app/package.json")]                 // a file
    [InlineData("- ./config:/etc/app")]
    public void Mounts_that_hide_no_node_modules_are_fine(string volumes)
        => Practice.Silent(Rule, $"services:\n  web:\n    image: node:20\n    volumes:\n      {volumes}\nvolumes:\n  modules: {{}}\n");

    [Theory]
    [InlineData("image: python:3.12\n    command: python app.py")]         // not Node.js
    [InlineData("image: python:3.12\n    command: python node_modules.py")] // "node" only inside a word
    [InlineData("build: .")]                                                // could be anything: the Dockerfile is not read
    public void Services_that_are_not_node_are_left_alone(string setting)
        => Practice.Silent(Rule, $"services:\n  web:\n    {setting}\n    volumes:\n      - .:/app\n");

    [Theory]
    [InlineData("ghcr.io/acme/node:20")]
    [InlineData("cimg/node:20.11")]
    public void Node_images_from_any_registry_count(string image)
        => Practice.Single(Rule, $"services:\n  web:\n    image: {image}\n    volumes:\n      - .:/usr/src/app\n", 5, 9);
}
