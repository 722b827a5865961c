using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static ComposeGen.Tests.Analysis.ComposeAnalyzerTest;

namespace ComposeGen.Tests.Analysis;

/// <summary>
/// The analyzer end to end: a compose file with markup in, diagnostics located in the YAML out.
/// Each rule fires on a bad snippet and stays silent on its fixed twin.
/// </summary>
public class ComposeAnalyzerTests
{
    [Fact]
    public Task A_clean_project_reports_nothing()
        => VerifyCompose("""
            services:
              api:
                image: shop/api:1.4
                depends_on:
                  db:
                    condition: service_healthy
              db:
                image: postgres:16
                healthcheck:
                  test: ["CMD", "pg_isready"]
                volumes: [data:/var/lib/postgresql/data]
            volumes:
              data:
            """);

    [Fact]
    public Task CG1001_syntax_error_is_located_in_the_yaml()
        => VerifyCompose("services:\n  web:\n    image: [unclosed\n{|CG1001:|}");

    [Fact]
    public Task CG1003_unknown_key_with_did_you_mean()
        => VerifyCompose("services:\n  web:\n    image: nginx:1.27\n    imgae: nginx\n",
            Diagnostic("CG1003").WithSpan(ComposePath, 4, 5, 4, 10).WithMessage("unknown key 'imgae' in service 'web'; did you mean 'image'?"));

    [Fact]
    public Task CG1004_is_an_error_for_broken_syntax_and_a_warning_for_a_missing_variable()
        => VerifyCompose("services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: {|CG1004:${UNSET_IN_DOTENV}|}\n      B: ${OK:-fine}\n      C: {|#0:price 5$|}\n",
            new DiagnosticResult("CG1004", DiagnosticSeverity.Error).WithLocation(0).WithMessage("'price 5$': invalid interpolation: a '$' at the end of the value must be written '$$'"));

    [Fact]
    public async Task CG1004_uses_the_dotenv_file_beside_the_compose_file()
    {
        var test = new ComposeAnalyzerTest("services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: ${FROM_DOTENV}\n",
            ("/src/shop/.env", "FROM_DOTENV=yes\n"));
        await test.RunAsync();
    }

    [Fact]
    public Task CG1005_version_is_obsolete()
        => VerifyCompose("{|CG1005:version|}: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n");

    [Fact]
    public Task CG2001_undefined_volume()
        => VerifyCompose("services:\n  db:\n    image: redis:7\n    volumes:\n      - {|CG2001:cache-data:/data|}\n");

    [Fact]
    public Task CG2001_silent_when_declared()
        => VerifyCompose("services:\n  db:\n    image: redis:7\n    volumes:\n      - cache-data:/data\nvolumes:\n  cache-data:\n");

    [Fact]
    public Task CG2002_undefined_network_but_default_needs_no_declaration()
        => VerifyCompose("services:\n  a:\n    image: nginx:1\n    networks:\n      - default\n      - {|CG2002:backend|}\n");

    [Fact]
    public Task CG2004_and_CG2005_dependencies()
        => VerifyCompose("""
            services:
              a:
                image: nginx:1
                depends_on: [{|CG2004:bb|}, c]
              c:
                image: nginx:1
                depends_on: [{|CG2005:a|}]
            """);

    [Fact]
    public Task CG2006_service_healthy_without_healthcheck()
        => VerifyCompose("""
            services:
              api:
                image: api:1
                depends_on:
                  {|CG2006:db|}:
                    condition: service_healthy
              db:
                image: nginx:1
            """);

    [Fact]
    public Task CG2007_unused_resources_are_info()
        => VerifyCompose("services:\n  a:\n    image: nginx:1\nnetworks:\n  {|CG2007:unused|}:\nvolumes:\n  {|CG2007:data|}:\n");

    [Fact]
    public Task CG2008_extends_missing_target()
        => VerifyCompose("services:\n  a:\n    image: nginx:1\n    extends: {|CG2008:nothere|}\n");

    [Fact]
    public Task CG2009_network_mode_with_networks()
        => VerifyCompose("services:\n  a:\n    image: nginx:1\n    network_mode: {|CG2009:bridge|}\n    networks: [default]\n");

    [Fact]
    public Task CG2010_no_image_or_build()
        => VerifyCompose("services:\n  {|CG2010:a|}:\n    environment: [A=1]\n");

    [Fact]
    public Task CG2011_duplicate_container_names_and_replicas()
        => VerifyCompose("""
            services:
              a:
                image: nginx:1
                container_name: web
              b:
                image: nginx:1
                container_name: {|CG2011:web|}
              c:
                image: nginx:1
                container_name: {|CG2011:worker|}
                deploy:
                  replicas: 3
            """);

    [Fact]
    public Task CG2012_duplicate_mount_target()
        => VerifyCompose("services:\n  a:\n    image: nginx:1\n    volumes:\n      - ./a:/data\n      - {|CG2012:./b:/data/|}\n");

    [Fact]
    public Task CG2013_dependency_disabled_by_profile()
        => VerifyCompose("""
            services:
              api:
                image: api:1
                depends_on: [{|CG2013:debugger|}]
              debugger:
                image: debug:1
                profiles: [debug]
            """);

    [Fact]
    public Task CG2013_silent_when_both_share_the_profile()
        => VerifyCompose("""
            services:
              api:
                image: api:1
                profiles: [debug]
                depends_on: [debugger]
              debugger:
                image: debug:1
                profiles: [debug]
            """);

    [Fact]
    public Task CG3001_and_CG3002_networking_through_the_analyzer()
        => VerifyCompose("""
            services:
              gateway:
                image: shop/gateway:1
                networks: [public]
                environment:
                  LEDGER: "Host={|CG3001:ledger-db|};Port=5432"
                  CACHE_URL: "redis://{|CG3002:cahce:6379|}"
              ledger-db:
                image: postgres:16
                networks: [private]
                volumes: [ledger:/var/lib/postgresql/data]
              cache:
                image: redis:7
                networks: [public]
                volumes: [cache:/data]
            networks:
              public:
              private:
            volumes:
              ledger:
              cache:
            """);

    [Fact]
    public Task CG4001_and_CG4007_practices_through_the_analyzer()
        => VerifyCompose("services:\n  db:\n    image: {|CG4001:{|CG4007:postgres|}|}\n");

    [Fact]
    public async Task Severity_from_an_editorconfig_section_for_yaml_files_is_honoured()
    {
        var silenced = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\nnetworks:\n  unused:\n",
            ("/src/shop/.editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.CG2007.severity = none\n"));
        await silenced.RunAsync();

        var raised = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\nnetworks:\n  unused:\n",
            ("/src/shop/.editorconfig", "root = true\n[*.{yml,yaml}]\ndotnet_diagnostic.CG2007.severity = error\n"));
        raised.ExpectedDiagnostics.Add(new DiagnosticResult("CG2007", DiagnosticSeverity.Error).WithSpan(ComposePath, 5, 3, 5, 9));
        await raised.RunAsync();
    }

    [Fact]
    public async Task An_editorconfig_passed_with_a_relative_path_still_governs_the_yaml_file()
    {
        var test = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\nnetworks:\n  unused:\n",
            ("/src/shop/Shop.Api/../.editorconfig", "root = true\n[*.yaml]\ndotnet_diagnostic.CG2007.severity = none\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Severity_from_a_globalconfig_is_honoured()
    {
        var test = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\nnetworks:\n  unused:\n",
            ("/.globalconfig2.globalconfig", "is_global = true\ndotnet_diagnostic.CG2007.severity = warning\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CG2007", DiagnosticSeverity.Warning).WithSpan(ComposePath, 5, 3, 5, 9));
        await test.RunAsync();
    }

    [Fact]
    public async Task NoWarn_and_WarningsAsErrors_apply_through_the_compilation_options()
    {
        var noWarn = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\n    volumes: [\"x:/x\"]\n");
        noWarn.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                options.SpecificDiagnosticOptions.SetItem("CG2001", ReportDiagnostic.Suppress)));
        });
        await noWarn.RunAsync();

        var asError = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\nnetworks:\n  unused:\n");
        asError.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithSpecificDiagnosticOptions(
                options.SpecificDiagnosticOptions.SetItem("CG2007", ReportDiagnostic.Error)));
        });
        asError.ExpectedDiagnostics.Add(new DiagnosticResult("CG2007", DiagnosticSeverity.Error).WithSpan(ComposePath, 5, 3, 5, 9));
        await asError.RunAsync();
    }

    [Fact]
    public async Task An_assembly_level_SuppressMessage_silences_a_rule()
    {
        var test = new ComposeAnalyzerTest("services:\n  a:\n    image: nginx:1\n    volumes: [\"x:/x\"]\n");
        test.TestState.Sources.Add("[assembly: System.Diagnostics.CodeAnalysis.SuppressMessage(\"ComposeGen.References\", \"CG2001\")]");
        await test.RunAsync();
    }
}
