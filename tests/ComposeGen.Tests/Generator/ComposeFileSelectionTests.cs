using System.Collections.Immutable;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;
using ComposeGen.Pipeline;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// SPEC §2: which of the YAML additional files make up the compose project. The package's targets pass the
/// discovered files; these rules also hold when a project lists files itself.
/// </summary>
public class ComposeFileSelectionTests
{
    private const string Project = "/repo/src/Api";

    /// <summary>A file as <see cref="ComposeInputs.Read"/> sees it: the kind from metadata when given, else from the name.</summary>
    private static ComposeInputFile File(string path, string? kindMetadata = null)
        => new(path, ComposeInputs.KindOf(path, kindMetadata), "services: {}\n");

    private static GeneratorOptions Options(string? composeFiles = null, bool enabled = true)
        => new(enabled, (composeFiles ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(f => ComposePath.Combine(Project, f)).ToEquatableArray(), null, null, "Api", null, Project);

    private static string[] Selected(GeneratorOptions options, params ComposeInputFile[] files)
        => ComposeInputs.Select(files.Select(f => (ComposeInputFile?)f).ToImmutableArray(), options)?.Files.Select(f => f.Path).ToArray() ?? Array.Empty<string>();

    [Fact]
    public void The_nearest_directory_wins_over_a_preferred_name_further_up()
        => Assert.Equal(new[] { "/repo/src/docker-compose.yml" }, Selected(Options(), File("/repo/compose.yaml"), File("/repo/src/docker-compose.yml")));

    [Fact]
    public void In_one_directory_compose_go_precedence_decides()
        => Assert.Equal(new[] { "/repo/compose.yaml" }, Selected(Options(), File("/repo/docker-compose.yaml"), File("/repo/docker-compose.yml"), File("/repo/compose.yaml"), File("/repo/compose.yml")));

    [Fact]
    public void Only_the_first_override_file_beside_the_main_file_is_merged()
        => Assert.Equal(
            new[] { "/repo/compose.yaml", "/repo/compose.override.yml" },
            Selected(Options(), File("/repo/docker-compose.override.yml"), File("/repo/compose.override.yml"), File("/repo/compose.yaml"), File("/repo/other/compose.override.yaml")));

    [Fact]
    public void ComposeFiles_replaces_discovery_and_keeps_its_order()
        => Assert.Equal(
            new[] { "/repo/deploy/base.yml", "/repo/deploy/prod.yml" },
            Selected(Options("../../deploy/base.yml;../../deploy/prod.yml"), File("/repo/compose.yaml"), File("/repo/deploy/prod.yml"), File("/repo/deploy/base.yml")));

    [Fact]
    public void A_file_listed_twice_counts_once()
        => Assert.Equal(new[] { "/repo/compose.yaml" }, Selected(Options(), File("/repo/compose.yaml"), File("/repo/compose.yaml")));

    [Fact]
    public void Other_YAML_files_are_never_the_project_unless_marked_as_compose_files()
    {
        Assert.Empty(Selected(Options(), File("/repo/src/Api/openapi.yaml"), File("/repo/.github/workflows/ci.yml")));
        Assert.Equal(new[] { "/repo/deploy/stack.yml" }, Selected(Options(), File("/repo/src/Api/openapi.yaml"), File("/repo/deploy/stack.yml", "Compose")));
        Assert.Equal(new[] { "/repo/compose.yaml" }, Selected(Options(), File("/repo/src/Api/openapi.yaml"), File("/repo/compose.yaml")));
    }

    [Fact]
    public void Nothing_is_selected_without_a_compose_file_or_when_disabled()
    {
        Assert.Empty(Selected(Options()));
        Assert.Empty(Selected(Options(), File("/repo/compose.override.yml")));
        Assert.Empty(Selected(Options(enabled: false), File("/repo/compose.yaml")));
    }
}
