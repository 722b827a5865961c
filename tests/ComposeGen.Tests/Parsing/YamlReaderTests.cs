using ComposeGen.Parsing;
using ComposeGen.Parsing.Yaml;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Parsing;

public class YamlReaderTests
{
    [Fact]
    public void Every_node_knows_its_line_column_and_span()
    {
        var read = TestCompose.Read("services:\n  web:\n    image: nginx:1.27\n");
        var web = (YMapping)((YMapping)((YMapping)read.Root!).Get("services")!).Get("web")!;
        var image = web.Find("image")!;

        Assert.Equal((3, 5), (image.KeySpan.StartLine, image.KeySpan.StartColumn));
        Assert.Equal((3, 12), (image.Value.Span.StartLine, image.Value.Span.StartColumn));
        Assert.Equal("nginx:1.27", "services:\n  web:\n    image: nginx:1.27\n".Substring(image.Value.Span.Start, image.Value.Span.Length));
        Assert.Equal(TestCompose.MainFile, image.Value.Span.Path);
    }

    [Fact]
    public void Anchors_and_aliases_share_the_definition()
    {
        var read = TestCompose.Read("x-env: &env\n  A: '1'\nservices:\n  a:\n    environment: *env\n");
        var a = (YMapping)((YMapping)((YMapping)read.Root!).Get("services")!).Get("a")!;
        var environment = (YMapping)a.Get("environment")!;
        Assert.Equal("1", ((YScalar)environment.Get("A")!).Value);
        Assert.Equal(1, environment.Span.StartLine); // points at the anchored definition, not at the alias
    }

    [Fact]
    public void Merge_keys_let_written_keys_win_and_the_first_merged_map_win_over_later_ones()
    {
        const string yaml = """
            x-a: &a {image: a, restart: always, user: a}
            x-b: &b {image: b, hostname: b, user: b}
            services:
              web:
                <<: [*a, *b]
                user: web
            """;
        var web = (YMapping)((YMapping)((YMapping)TestCompose.Read(yaml).Root!).Get("services")!).Get("web")!;
        Assert.Equal("web", ((YScalar)web.Get("user")!).Value);
        Assert.Equal("a", ((YScalar)web.Get("image")!).Value);
        Assert.Equal("always", ((YScalar)web.Get("restart")!).Value);
        Assert.Equal("b", ((YScalar)web.Get("hostname")!).Value);
        Assert.Null(web.Find("<<"));
    }

    [Fact]
    public void Merging_a_scalar_is_an_error_like_compose_go()
    {
        var read = TestCompose.Read("x-s: &s hello\nservices:\n  web:\n    <<: *s\n    image: nginx\n");
        var problem = Assert.Single(read.Problems);
        Assert.Equal("CG1001", problem.Id);
        Assert.Contains("map merge requires map", problem.Message);
    }

    [Fact]
    public void Reset_and_override_tags_are_kept_on_the_node()
    {
        var root = (YMapping)TestCompose.Read("services:\n  web:\n    ports: !reset []\n    command: !override [a]\n").Root!;
        var web = (YMapping)((YMapping)root.Get("services")!).Get("web")!;
        Assert.True(web.Get("ports")!.IsReset);
        Assert.True(web.Get("command")!.IsOverride);
    }

    [Fact]
    public void A_byte_order_mark_is_accepted_and_offsets_still_index_the_original_text()
    {
        var text = "\uFEFFservices:\n  web:\n    image: nginx\n";
        var read = TestCompose.Read(text);
        Assert.Empty(read.Problems);
        var web = (YMapping)((YMapping)((YMapping)read.Root!).Get("services")!).Get("web")!;
        var span = web.Get("image")!.Span;
        Assert.Equal("nginx", text.Substring(span.Start, span.Length));
    }

    [Fact]
    public void Several_documents_are_returned_in_order_for_the_loader_to_merge()
    {
        var read = TestCompose.Read("services:\n  a:\n    image: one\n---\nservices:\n  a:\n    image: two\n");
        Assert.Equal(2, read.Documents.Count);
    }

    [Fact]
    public void A_duplicate_key_is_reported_where_it_is_repeated()
    {
        var problem = Assert.Single(TestCompose.Read("services:\n  web:\n    image: a\n    image: b\n").Problems);
        Assert.Equal("CG1001", problem.Id);
        Assert.Equal(4, problem.Span.StartLine);
        Assert.Contains("already defined at line 3", problem.Message);
    }

    [Fact]
    public void A_duplicate_key_in_a_large_mapping_is_reported_too()
    {
        // Mappings of more than 16 keys are checked through a dictionary, smaller ones by a linear search.
        var keys = string.Concat(Enumerable.Range(0, 20).Select(i => $"  k{i}: v{i}\n"));
        var problem = Assert.Single(TestCompose.Read("x:\n" + keys + "  k3: again\n").Problems);
        Assert.Equal("CG1001", problem.Id);
        Assert.Equal(22, problem.Span.StartLine);
        Assert.Contains("key 'k3' is already defined at line 5", problem.Message);
    }

    [Fact]
    public void A_merged_key_counts_as_defined_in_a_large_mapping()
    {
        var keys = string.Concat(Enumerable.Range(0, 20).Select(i => $"  k{i}: v{i}\n"));
        var read = TestCompose.Read("base: &base {k5: merged, extra: merged}\nx:\n  <<: *base\n" + keys);
        Assert.Empty(read.Problems);
        var x = (YMapping)((YMapping)read.Root!).Get("x")!;
        Assert.Equal(21, x.Entries.Count);
        Assert.Equal("v5", ((YScalar)x.Get("k5")!).Value);
        Assert.Equal("merged", ((YScalar)x.Get("extra")!).Value);
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: a\n", false)]
    [InlineData("services:\n  web: !reset {}\n", true)]
    [InlineData("services:\n  web:\n    ports: !override ['80:80']\n", true)]
    [InlineData("services:\n  web:\n    image: !reset null\n", true)]
    [InlineData("services:\n  web:\n    image: !custom a\n", false)]
    public void The_reader_notes_whether_a_merge_tag_is_present(string yaml, bool expected)
        => Assert.Equal(expected, TestCompose.Read(yaml).HasMergeTags);

    [Fact]
    public void A_syntax_error_is_located()
    {
        var problem = Assert.Single(TestCompose.Read("services:\n  web:\n    image: [unclosed\n").Problems);
        Assert.Equal("CG1001", problem.Id);
        Assert.True(problem.Span.StartLine >= 3);
    }

    [Fact]
    public void Interpolation_happens_on_values_but_never_on_keys()
    {
        var root = (YMapping)TestCompose.Read("services:\n  ${NAME}:\n    image: ${IMAGE:-nginx}\n", new Dictionary<string, string> { ["NAME"] = "x" }).Root!;
        var service = ((YMapping)root.Get("services")!).Entries[0];
        Assert.Equal("${NAME}", service.Key);
        var image = (YScalar)((YMapping)service.Value).Get("image")!;
        Assert.Equal("nginx", image.Value);
        Assert.Equal("${IMAGE:-nginx}", image.Raw);
        Assert.False(image.Template.IsLiteral);
    }

    [Fact]
    public void An_alias_bomb_is_measured_not_expanded()
    {
        var bomb = File.ReadAllText(Path.Combine("Corpus", "compose-go", "_inline-loader-tests", "loader", "reset", "TestAliasNodePreservation.yaml"));
        var read = TestCompose.Read(bomb);
        var problem = Assert.Single(read.Problems, p => p.Id == "CG1006");
        Assert.Contains("alias", problem.Message);
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_stop_at_the_depth_budget()
    {
        var flow = "services: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        var block = "services:\n  " + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x\n";
        foreach (var text in new[] { flow, block })
        {
            var problem = Assert.Single(TestCompose.Read(text).Problems);
            Assert.Equal("CG1006", problem.Id);
            Assert.Contains("nested more than 256 levels", problem.Message);
        }
    }

    [Fact]
    public void A_scalar_longer_than_the_budget_is_reported()
    {
        var read = TestCompose.Read("x-big: " + new string('a', 2000) + "\n", limits: new ParserLimits(MaxScalarLength: 1000));
        Assert.Equal("CG1006", Assert.Single(read.Problems).Id);
    }

    [Fact]
    public void A_file_larger_than_the_budget_is_reported_without_parsing()
    {
        var read = TestCompose.Read(new string('#', 2000), limits: new ParserLimits(MaxFileLength: 1000));
        Assert.Equal("CG1006", Assert.Single(read.Problems).Id);
        Assert.Empty(read.Documents);
    }

    [Fact]
    public void A_ten_megabyte_file_is_read()
    {
        var services = string.Concat(Enumerable.Range(0, 120_000).Select(i => $"  svc{i}:\n    image: registry.example.com/team/image-{i}:1.0\n"));
        var text = "services:\n" + services;
        Assert.True(text.Length > 10_000_000 / 2);
        var read = TestCompose.Read(text);
        Assert.Empty(read.Problems);
        Assert.Equal(120_000, ((YMapping)((YMapping)read.Root!).Get("services")!).Entries.Count);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("1.5")]
    public void Non_string_keys_are_reported(string key)
    {
        var problem = Assert.Single(TestCompose.Read($"services:\n  {key}:\n    image: nginx\n").Problems);
        Assert.Equal("CG1002", problem.Id);
        Assert.Contains("non-string key", problem.Message);
    }
}
