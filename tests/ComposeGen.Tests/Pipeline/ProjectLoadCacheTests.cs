using System.Collections.Immutable;
using ComposeGen.Analysis;
using ComposeGen.Pipeline;
using ComposeGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ComposeGen.Tests.Pipeline;

/// <summary>
/// One build loads its compose project once: the generator and the analyzers share the load when no <c>.env</c> value
/// could make theirs differ, and never otherwise. (Each test has a compose text of its own, so tests running in
/// parallel never share an entry.)
/// </summary>
public class ProjectLoadCacheTests
{
    private static string Compose(string test) => $$"""
        # {{test}}
        services:
          api:
            image: shop/api:${API_TAG:-1.0}
        """;

    private static AnalyzerOptions Options(params AdditionalText[] files)
        => new(ImmutableArray.Create(files), new TestOptionsProvider(GeneratorHarness.Properties()));

    private static ComposeGen.Parsing.Loading.ComposeLoadResult AnalyzerLoad(AnalyzerOptions options)
        => ComposeProjectLoader.Load(options, CancellationToken.None)!.Value.Result;

    [Fact]
    public void Without_a_dotenv_the_analyzers_get_the_generators_load()
    {
        var options = Options(GeneratorHarness.Compose(Compose(nameof(Without_a_dotenv_the_analyzers_get_the_generators_load))));
        var inputs = ComposeProjectLoader.Find(options, CancellationToken.None)!.Inputs;

        var generators = ProjectLoadCache.Load(inputs);

        Assert.Same(generators.Project, AnalyzerLoad(options).Project);
        Assert.Same(generators.Project, AnalyzerLoad(options).Project);
        Assert.Equal("shop/api:1.0", generators.Project.Services[0].Image!.Value);
    }

    [Fact]
    public void A_dotenv_that_sets_values_gets_a_load_of_its_own_with_them()
    {
        var options = Options(
            GeneratorHarness.Compose(Compose(nameof(A_dotenv_that_sets_values_gets_a_load_of_its_own_with_them))),
            new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", "API_TAG=2.5\n"));
        var inputs = ComposeProjectLoader.Find(options, CancellationToken.None)!.Inputs;

        var generators = ProjectLoadCache.Load(inputs);
        var analyzers = AnalyzerLoad(options);

        Assert.NotSame(generators.Project, analyzers.Project);
        Assert.Equal("shop/api:1.0", generators.Project.Services[0].Image!.Value); // the generator never sees .env values
        Assert.Equal("shop/api:2.5", analyzers.Project.Services[0].Image!.Value);
    }

    [Fact]
    public void A_dotenv_that_sets_nothing_shares_the_load()
    {
        var options = Options(
            GeneratorHarness.Compose(Compose(nameof(A_dotenv_that_sets_nothing_shares_the_load))),
            new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", "# nothing here yet\n"));
        var inputs = ComposeProjectLoader.Find(options, CancellationToken.None)!.Inputs;

        Assert.Same(ProjectLoadCache.Load(inputs).Project, AnalyzerLoad(options).Project);
    }

    [Fact]
    public void The_analyzers_share_one_load_with_dotenv_values()
    {
        var options = Options(
            GeneratorHarness.Compose(Compose(nameof(The_analyzers_share_one_load_with_dotenv_values))),
            new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", "API_TAG=2.5\n"));

        var first = AnalyzerLoad(options);

        Assert.Same(first.Project, AnalyzerLoad(options).Project);
        Assert.Equal("shop/api:2.5", first.Project.Services[0].Image!.Value);
    }

    [Fact]
    public void A_dotenv_that_sets_only_what_the_files_never_use_shares_the_generators_load()
    {
        var options = Options(
            GeneratorHarness.Compose(Compose(nameof(A_dotenv_that_sets_only_what_the_files_never_use_shares_the_generators_load))),
            new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", "ASPNETCORE_ENVIRONMENT=Development\nLOG_LEVEL=debug\n"));
        var inputs = ComposeProjectLoader.Find(options, CancellationToken.None)!.Inputs;

        Assert.Same(ProjectLoadCache.Load(inputs).Project, AnalyzerLoad(options).Project);
    }

    [Fact]
    public void A_changed_dotenv_value_is_loaded_again()
    {
        var compose = GeneratorHarness.Compose(Compose(nameof(A_changed_dotenv_value_is_loaded_again)));
        var before = Options(compose, new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", "API_TAG=2.5\n"));
        var after = Options(compose, new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", "API_TAG=2.6\n"));

        Assert.Equal("shop/api:2.5", AnalyzerLoad(before).Project.Services[0].Image!.Value);
        Assert.Equal("shop/api:2.6", AnalyzerLoad(after).Project.Services[0].Image!.Value);
        Assert.Equal("shop/api:2.5", AnalyzerLoad(before).Project.Services[0].Image!.Value);
    }

    [Fact]
    public void A_variable_asked_for_only_when_another_is_unset_still_tells_loads_apart()
    {
        // ${API_TAG:-${FALLBACK_TAG}}: with API_TAG set, the load never asks for FALLBACK_TAG, so a load with both set
        // is the same load; without API_TAG it asks, and its answer matters.
        var text = $$$"""
            # {{{nameof(A_variable_asked_for_only_when_another_is_unset_still_tells_loads_apart)}}}
            services:
              api:
                image: shop/api:${API_TAG:-${FALLBACK_TAG:-0.1}}
            """;
        var compose = GeneratorHarness.Compose(text);
        AnalyzerOptions WithDotEnv(string env) => Options(compose, new InMemoryText(GeneratorHarness.ComposeDirectory + "/.env", env));

        var tagged = AnalyzerLoad(WithDotEnv("API_TAG=3.0\n"));
        Assert.Same(tagged.Project, AnalyzerLoad(WithDotEnv("API_TAG=3.0\nFALLBACK_TAG=9.9\n")).Project);
        Assert.Equal("shop/api:0.9", AnalyzerLoad(WithDotEnv("FALLBACK_TAG=0.9\n")).Project.Services[0].Image!.Value);
        Assert.Equal("shop/api:0.1", AnalyzerLoad(WithDotEnv("OTHER=1\n")).Project.Services[0].Image!.Value);
    }

    [Fact]
    public void A_load_past_the_character_budget_is_kept_only_while_it_is_the_newest()
    {
        // About 8 MB of YAML text in one file (a long comment): more than the cache keeps besides the newest load.
        var big = Options(GeneratorHarness.Compose(Compose(nameof(A_load_past_the_character_budget_is_kept_only_while_it_is_the_newest)) + "\n# " + new string('x', 4_100_000) + "\n"));
        var small = Options(GeneratorHarness.Compose(Compose(nameof(A_load_past_the_character_budget_is_kept_only_while_it_is_the_newest) + " small")));

        var first = AnalyzerLoad(big);
        Assert.Same(first.Project, AnalyzerLoad(big).Project);

        AnalyzerLoad(small);
        Assert.NotSame(first.Project, AnalyzerLoad(big).Project);
    }

    [Fact]
    public void A_changed_file_is_loaded_again()
    {
        var before = Options(GeneratorHarness.Compose(Compose(nameof(A_changed_file_is_loaded_again))));
        var after = Options(GeneratorHarness.Compose(Compose(nameof(A_changed_file_is_loaded_again)).Replace("1.0", "1.1")));

        Assert.Equal("shop/api:1.0", AnalyzerLoad(before).Project.Services[0].Image!.Value);
        Assert.Equal("shop/api:1.1", AnalyzerLoad(after).Project.Services[0].Image!.Value);
    }
}
