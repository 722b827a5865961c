using ComposeGen.Analysis;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Parsing;

/// <summary>Multi-file projects: overrides, extends, include, several documents, the project name.</summary>
public class ComposeLoaderTests
{
    [Fact]
    public void The_override_file_is_merged_onto_the_main_file()
    {
        var project = TestCompose.Project(
            "services:\n  web:\n    image: web:1\n    ports: [\"80:80\"]\n    environment: {A: one, B: two}\n",
            otherFiles: ("/app/compose.override.yaml", "services:\n  web:\n    image: web:dev\n    ports: [\"9229:9229\"]\n    environment: [B=override]\n"));
        var web = project.Service("web");

        Assert.Equal("web:dev", web.Image!.Value);
        Assert.Equal("/app/compose.override.yaml", web.Image.Span.Path); // points at the file that won
        Assert.Equal(new[] { 80, 9229 }, web.Ports.Select(p => p.Target));
        Assert.Equal(new[] { ("A", "one"), ("B", "override") }, web.Environment.Select(v => (v.Name, v.Value!.Value)));
    }

    [Fact]
    public void Several_documents_in_one_file_merge_like_override_files()
    {
        var project = TestCompose.Project("name: multi\nservices:\n  test:\n    image: nginx:latest\n---\nservices:\n  test:\n    image: nginx:override\n");
        Assert.Equal("nginx:override", project.Service("test").Image!.Value);
    }

    [Fact]
    public void Extends_in_the_same_file_merges_the_base_under_the_service()
    {
        var project = TestCompose.Project("""
            services:
              base:
                image: base:1
                environment: {LEVEL: base, KEEP: yes}
              web:
                extends: base
                environment: {LEVEL: web}
            """);
        var web = project.Service("web");
        Assert.Equal("base:1", web.Image!.Value);
        Assert.Equal(new[] { ("LEVEL", "web"), ("KEEP", "yes") }, web.Environment.Select(v => (v.Name, v.Value!.Value)).OrderBy(v => v.Name == "KEEP"));
        Assert.Equal("base", web.Extends!.Service);
    }

    [Fact]
    public void Extends_from_another_file_follows_chains_relative_to_each_file()
    {
        var project = TestCompose.Project(
            "services:\n  web:\n    extends:\n      file: common/services.yml\n      service: app\n",
            otherFiles: new[]
            {
                ("/app/common/services.yml", "services:\n  app:\n    extends: {file: ../base/base.yml, service: root}\n    image: app:1\n"),
                ("/app/base/base.yml", "services:\n  root:\n    image: root:1\n    user: nobody\n"),
            });
        var web = project.Service("web");
        Assert.Equal(("app:1", "nobody"), (web.Image!.Value, web.User!.Value));
    }

    [Fact]
    public void An_extends_cycle_is_reported_with_the_whole_cycle()
    {
        var result = TestCompose.Load("services:\n  a:\n    image: x\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n");
        var problem = result.Problems.First(p => p.Id == "CG2008");
        Assert.Contains("extends cycle detected", problem.Message);
        Assert.Contains("a (compose.yaml) -> b (compose.yaml) -> c (compose.yaml) -> a", result.Problems.Select(p => p.Message).First(m => m.Contains("cycle")).Replace("extends cycle detected: ", ""));
    }

    [Fact]
    public void Extending_a_missing_service_is_reported_on_the_reference()
    {
        var problem = TestCompose.Load("services:\n  web:\n    extends: nothere\n").Single("CG2008");
        Assert.Contains("extends 'nothere', which is not defined", problem.Message);
        Assert.Equal(3, problem.Span.StartLine);
    }

    [Fact]
    public void Include_adds_the_included_projects_resources()
    {
        var project = TestCompose.Project(
            "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n",
            otherFiles: ("/app/db/compose.yaml", "services:\n  db:\n    image: postgres:16\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n"));
        Assert.Equal(new[] { "db", "web" }, project.Services.Select(s => s.Name)); // included resources are the base the including file merges onto
        Assert.Equal("/app/db/compose.yaml", project.Service("db").Origin.Path);
        Assert.Single(project.Volumes);
        Assert.Empty(ReferenceChecks.Run(project));
    }

    [Fact]
    public void An_include_cycle_is_reported()
    {
        var result = TestCompose.Load("include: [other.yaml]\nservices:\n  a: {image: a}\n", otherFiles: ("/app/other.yaml", "include: [compose.yaml]\nservices:\n  b: {image: b}\n"));
        Assert.Contains("include cycle detected: compose.yaml -> other.yaml -> compose.yaml", result.Single("CG2008").Message);
    }

    [Fact]
    public void Two_includes_that_define_a_resource_differently_conflict()
    {
        var result = TestCompose.Load("include: [one.yaml, two.yaml]\nservices:\n  a: {image: a}\n",
            otherFiles: new[] { ("/app/one.yaml", "services:\n  db: {image: postgres:15}\n"), ("/app/two.yaml", "services:\n  db: {image: postgres:16}\n") });
        var problem = result.Single("CG2008");
        Assert.Contains("services.db conflicts with imported resource", problem.Message);
        Assert.Equal("/app/two.yaml", problem.Span.Path);
    }

    [Fact]
    public void The_including_file_overrides_what_it_includes()
    {
        var db = TestCompose.Project("include: [db.yaml]\nservices:\n  db:\n    environment: !override [MODE=local]\n",
            otherFiles: ("/app/db.yaml", "services:\n  db:\n    image: postgres:16\n    environment: [MODE=included, OTHER=x]\n")).Service("db");
        Assert.Equal("postgres:16", db.Image!.Value);
        Assert.Equal(new[] { "MODE=local" }, db.Environment.Select(v => $"{v.Name}={v.Value!.Value}"));
    }

    [Fact]
    public void The_project_name_comes_from_name_then_from_the_directory()
    {
        Assert.Equal("shop", TestCompose.Project("name: shop\nservices: {}\n").Name);
        Assert.Equal("app", TestCompose.Project("services:\n  a: {image: a}\n").Name);
        Assert.Equal("shop-dev", TestCompose.Project("name: ${PROJECT:-shop}-dev\nservices: {}\n").Name);
    }

    [Fact]
    public void An_empty_main_file_is_an_error_but_a_missing_file_is_reported_too()
    {
        Assert.Contains("empty compose file", TestCompose.Load("# nothing here\n").Single("CG1001").Message);

        var missing = ComposeGen.Parsing.Loading.ComposeLoader.Load(new ComposeGen.Parsing.Loading.ComposeLoadRequest(
            new[] { "/app/compose.yaml", "/app/compose.override.yaml" },
            new ComposeGen.Parsing.Loading.DictionaryFileSource(new Dictionary<string, string> { ["/app/compose.yaml"] = "services:\n  a: {image: a}\n" }),
            ComposeGen.Parsing.Interpolation.DictionaryVariableSource.Empty));
        var problem = missing.Single("CG1001");
        Assert.Equal("file '/app/compose.override.yaml' was not found", problem.Message);
        Assert.Equal("/app/compose.override.yaml", problem.Span.Path);
        Assert.Equal("a", Assert.Single(missing.Project.Services).Name); // the rest still loads
    }

    [Fact]
    public void A_top_level_that_is_not_a_mapping_is_not_a_compose_file()
        => Assert.Contains("not a compose file", TestCompose.Load("- a\n- b\n").Single("CG1001").Message);

    [Fact]
    public void Reset_removes_what_the_base_defined_and_override_replaces_it()
    {
        var web = TestCompose.Project(
            "services:\n  web:\n    image: web\n    ports: [\"80:80\"]\n    environment: {A: a, B: b}\n",
            otherFiles: ("/app/compose.override.yaml", "services:\n  web:\n    ports: !reset []\n    environment: !override {C: c}\n")).Service("web");
        Assert.Empty(web.Ports);
        Assert.Equal(new[] { "C" }, web.Environment.Select(v => v.Name));
    }

    [Fact]
    public void Loading_the_same_input_twice_gives_equal_models()
    {
        const string yaml = "services:\n  web:\n    image: web\n    ports: [\"80:80\"]\n    environment: {A: \"${X:-1}\"}\nnetworks:\n  front: {}\n";
        Assert.Equal(TestCompose.Load(yaml), TestCompose.Load(yaml));
        Assert.NotEqual(TestCompose.Load(yaml).Project, TestCompose.Load(yaml.Replace("80:80", "81:80")).Project);
    }
}
