namespace ComposeGen.PackageTests;

/// <summary>
/// Issue 6: fresh projects that add the package the way <c>dotnet add package ComposeGen</c> does, restored from
/// the temporary feed, built with <c>dotnet build</c> and run. Each reads the generated files and the SARIF log.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests
{
    private readonly PackageFixture _fixture;

    public ConsumerTests(PackageFixture fixture) => _fixture = fixture;

    private Consumer NewConsumer(string name)
    {
        Assert.True(_fixture.Pack.ExitCode == 0, "dotnet pack failed:\n" + _fixture.Pack);
        return new Consumer(_fixture, name);
    }

    private static Dictionary<string, string> Context(string context) => new() { ["COMPOSEGEN_CONTEXT"] = context };

    [Fact]
    public void A_console_app_one_directory_below_its_compose_file_gets_the_API_and_runs()
    {
        var consumer = NewConsumer("console")
            .With("compose.yaml", """
                name: shop
                services:
                  app:
                    build: ./App
                    networks: [back]
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_USER: shop
                      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}
                      POSTGRES_DB: orders
                    ports: ["127.0.0.1:15432:5432"]
                    volumes: [db-data:/var/lib/postgresql/data]
                    networks: [back]
                networks:
                  back: {}
                volumes:
                  db-data: {}
                """)
            .With(".env", "DB_PASSWORD=s3cr3t-from-dotenv\n")
            .WithProject("App/App.csproj")
            .With("App/Program.cs", """
                using App;

                System.Console.WriteLine(Compose.ProjectName);
                System.Console.WriteLine(Compose.Context);
                System.Console.WriteLine(Compose.Services.Db.ConnectionString);
                """);

        var build = consumer.BuildProject("App/App.csproj");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.DoesNotContain(build.Diagnostics, d => d.Level is "warning" or "error");
        Assert.Contains("internal static partial class Compose", build.Generated("Compose.g.cs"));
        Assert.Contains("ComposeGen.Runtime.ComposeRuntime.g.cs", build.GeneratedFiles());
        var files = consumer.AdditionalFiles("App/App.csproj");
        Assert.Contains(files, f => f == (consumer.PathOf("compose.yaml"), "Compose"));
        Assert.Contains(files, f => f == (consumer.PathOf(".env"), "Env"));

        var network = consumer.RunApp("App/bin/Debug/net10.0/App.dll", Context("network"));
        Assert.True(network.ExitCode == 0, network.ToString());
        Assert.Equal(new[] { "shop", "Network", "Host=db;Port=5432;Username=shop;Password=s3cr3t-from-dotenv;Database=orders" }, Lines(network.Output));

        var host = consumer.RunApp("App/bin/Debug/net10.0/App.dll", Context("host"));
        Assert.True(host.ExitCode == 0, host.ToString());
        Assert.Contains("Port=15432;Username=shop;Password=s3cr3t-from-dotenv", host.Output);

        // The .env value is read at run time: it is nowhere in the assembly.
        Assert.DoesNotContain("s3cr3t-from-dotenv", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(consumer.PathOf("App/bin/Debug/net10.0/App.dll"))));
    }

    [Fact]
    public void Compose_and_code_mistakes_land_on_the_right_file_line_and_column()
    {
        var consumer = NewConsumer("mistakes")
            .With("docker-compose.yml", """
                services:
                  app:
                    build: ./App
                    volumes:
                      - uploads:/uploads
                  db:
                    image: postgres:16
                """)
            .WithProject("App/App.csproj")
            .With("App/Program.cs", """
                var connectionString = "Host=dbb;Port=5432";
                System.Console.WriteLine(connectionString);
                """);

        var build = consumer.BuildProject("App/App.csproj");

        Assert.False(build.Succeeded, "CG2001 is an error by default:\n" + build);
        var compose = consumer.PathOf("docker-compose.yml");
        var (line, column) = consumer.Position("docker-compose.yml", "uploads:/uploads");
        Assert.Contains($"{compose}({line},{column}): error CG2001:", build.Output);
        Assert.Contains(build.Diagnostics, d => d is { RuleId: "CG2001", Level: "error" } && d.File == compose && (d.Line, d.Column) == (line, column));
        Assert.Contains(build.Diagnostics, d => d is { RuleId: "CG4001", Level: "warning" } && d.File == compose && (d.Line, d.Column) == consumer.Position("docker-compose.yml", "postgres:16"));

        var program = consumer.PathOf("App/Program.cs");
        var host = consumer.Position("App/Program.cs", "dbb");
        Assert.Contains(build.Diagnostics, d => d is { RuleId: "CG5001", Level: "warning" } && d.File == program && (d.Line, d.Column) == host && d.Message.Contains("did you mean 'db'"));
    }

    [Fact]
    public void An_ASP_NET_Core_app_merges_the_override_file_and_fills_its_configuration()
    {
        var consumer = NewConsumer("web")
            .With("docker-compose.yml", """
                services:
                  web:
                    build: ./Web
                    ports: ["8080:8080"]
                  cache:
                    image: redis:7
                    volumes: [cache-data:/data]
                volumes:
                  cache-data: {}
                """)
            .With("docker-compose.override.yml", """
                services:
                  cache:
                    ports: ["127.0.0.1:16379:6379"]
                """)
            .WithProject("Web/Web.csproj", sdk: "Microsoft.NET.Sdk.Web", extra: "<ImplicitUsings>enable</ImplicitUsings>")
            .With("Web/Program.cs", """
                using Microsoft.AspNetCore.Hosting.Server;
                using Microsoft.AspNetCore.Hosting.Server.Features;
                using Web;

                var builder = WebApplication.CreateBuilder(args);
                builder.Configuration.AddComposeConnectionStrings();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.ClearProviders();
                var app = builder.Build();
                app.MapGet("/cache", (IConfiguration configuration) => configuration.GetConnectionString("cache") ?? "missing");
                await app.StartAsync();
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var http = new HttpClient();
                Console.WriteLine("GET /cache: " + await http.GetStringAsync(address + "/cache"));
                await app.StopAsync();
                """);

        var build = consumer.BuildProject("Web/Web.csproj");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.Contains(consumer.AdditionalFiles("Web/Web.csproj"), f => f == (consumer.PathOf("docker-compose.override.yml"), "Override"));
        Assert.Contains("AddComposeConnectionStrings", build.Generated("Compose.g.cs"));

        var host = consumer.RunApp("Web/bin/Debug/net10.0/Web.dll", Context("host"));
        Assert.True(host.ExitCode == 0, host.ToString());
        Assert.Contains("GET /cache: 127.0.0.1:16379", host.Output);

        var network = consumer.RunApp("Web/bin/Debug/net10.0/Web.dll", Context("network"));
        Assert.True(network.ExitCode == 0, network.ToString());
        Assert.Contains("GET /cache: cache:6379", network.Output);
    }

    [Fact]
    public void A_netstandard2_0_library_with_the_default_language_version_builds_and_is_usable()
    {
        var consumer = NewConsumer("library")
            .With("compose.yaml", """
                services:
                  queue:
                    image: rabbitmq:3.13-management
                    volumes: [queue-data:/var/lib/rabbitmq]
                volumes:
                  queue-data: {}
                """)
            .WithProject("Lib/Lib.csproj", framework: "netstandard2.0", outputType: "Library")
            .With("Lib/Messaging.cs", """
                namespace Lib
                {
                    public static class Messaging
                    {
                        public static string QueueHost { get { return Compose.Services.Queue.Host; } }
                    }
                }
                """)
            .With("App/App.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """)
            .With("App/Program.cs", "System.Console.WriteLine(Lib.Messaging.QueueHost);\n");

        var build = consumer.BuildProject("App/App.csproj");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        var library = new Build(build.Result, consumer.PathOf("Lib"));
        Assert.DoesNotContain(library.Diagnostics, d => d.Level is "warning" or "error");
        var generated = library.Generated("Compose.g.cs", "netstandard2.0");
        Assert.NotNull(generated);
        Assert.DoesNotContain("#nullable", generated); // C# 7.3, netstandard2.0's default, has no nullable annotations

        var run = consumer.RunApp("App/bin/Debug/net10.0/App.dll", Context("network"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(new[] { "queue" }, Lines(run.Output));
    }

    [Fact]
    public void A_project_two_directories_below_knows_its_service_and_CI_can_fail_on_warnings()
    {
        // '#' and ' ' in the path: the compiler's .editorconfig reader would cut the project directory at '#'.
        var consumer = NewConsumer("C# nested")
            .With("compose.yaml", """
                services:
                  api:
                    build: ./src/Api
                    networks: [front]
                  web:
                    image: nginx:1.27
                    networks: [front]
                  db:
                    image: postgres:16
                    volumes: [db-data:/var/lib/postgresql/data]
                    networks: [back]
                networks:
                  front: {}
                  back: {}
                volumes:
                  db-data: {}
                """)
            .WithProject("src/Api/Api.csproj")
            .With("src/Api/Program.cs", """
                using Api;

                const string Web = "http://web:80/";
                const string Orders = "Host=db;Port=5432;Database=orders";
                System.Console.WriteLine(Compose.Services.Web.Host + " " + Web.Length + " " + Orders.Length);
                """);

        var build = consumer.BuildProject("src/Api/Api.csproj");

        Assert.True(build.Succeeded, build.ToString());
        var program = consumer.PathOf("src/Api/Program.cs");
        var db = consumer.Position("src/Api/Program.cs", "db;Port");
        // api (this project: build ./src/Api) is on 'front' only; db is on 'back' only. web shares 'front': silent.
        var unreachable = Assert.Single(build.Diagnostics, d => d.Level is "warning" or "error");
        Assert.Equal(("CG5002", program, db.Line, db.Column), (unreachable.RuleId, unreachable.File, unreachable.Line, unreachable.Column));
        Assert.Contains($"{program}({db.Line},{db.Column}): warning CG5002:", build.Output);

        var run = consumer.RunApp("src/Api/bin/Debug/net10.0/Api.dll", Context("network"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("web ", Lines(run.Output).Single());

        // CI: `dotnet build -warnaserror` turns the same finding into a failing build.
        var strict = consumer.BuildProject("src/Api/Api.csproj", "-warnaserror", "--no-incremental");
        Assert.False(strict.Succeeded, strict.ToString());
        Assert.Contains($"{program}({db.Line},{db.Column}): error CG5002:", strict.Output);
    }

    [Fact]
    public void ComposeFiles_and_the_other_properties_replace_discovery()
    {
        var consumer = NewConsumer("explicit")
            .With("compose.yaml", "services:\n  decoy:\n    image: busybox:1.36\n")
            .With("deploy/base.yml", """
                services:
                  api:
                    image: example/api:1.0
                  db:
                    image: postgres:16
                    environment:
                      POSTGRES_PASSWORD: ${DB_PASSWORD}
                """)
            .With("deploy/prod.yml", """
                services:
                  db:
                    image: postgres:17
                """)
            .With("deploy/prod.env", "DB_PASSWORD=prod-secret\n")
            // CG4001 (db has no volume) fires by default (see the mistakes consumer); here the YAML's own section turns it off.
            // ComposeFiles is written over several lines, as a long list often is.
            .With("deploy/.editorconfig", "[*.yml]\ndotnet_diagnostic.CG4001.severity = none\n")
            .WithProject("App/App.csproj",
                extra: """
                    <ComposeFiles>
                      ../deploy/base.yml;
                      ../deploy/prod.yml
                    </ComposeFiles>
                    <ComposeEnvFile>../deploy/prod.env</ComposeEnvFile>
                    <ComposeNamespace>Explicit.Infrastructure</ComposeNamespace>
                    <ComposeProjectName>explicit-prod</ComposeProjectName>
                """,
                items: """<AdditionalFiles Include="../deploy/base.yml" />""")
            .With("App/Program.cs", """
                using Explicit.Infrastructure;

                System.Console.WriteLine(Compose.ProjectName);
                System.Console.WriteLine(Compose.Services.Db.ConnectionString);
                """);

        var build = consumer.BuildProject("App/App.csproj");

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain(build.Diagnostics, d => d.RuleId == "CG4001");

        // After the restore (the package's targets are imported from then on), as the IDE sees the project:
        var files = consumer.AdditionalFiles("App/App.csproj");
        Assert.Single(files, f => f.Path == consumer.PathOf("deploy/base.yml"));
        Assert.Contains(files, f => f == (consumer.PathOf("deploy/prod.yml"), "Compose"));
        Assert.Contains(files, f => f == (consumer.PathOf("deploy/prod.env"), "Env"));
        Assert.Contains(files, f => f.Path == consumer.PathOf("deploy/.editorconfig"));
        Assert.DoesNotContain(files, f => f.Path == consumer.PathOf("compose.yaml"));
        var generated = build.Generated("Compose.g.cs")!;
        Assert.Contains("namespace Explicit.Infrastructure", generated);
        Assert.Contains("postgres:17", generated);
        Assert.DoesNotContain("decoy", generated, StringComparison.OrdinalIgnoreCase);

        var run = consumer.RunApp("App/bin/Debug/net10.0/App.dll", Context("network"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("explicit-prod", Lines(run.Output)[0]);
        Assert.Contains("Password=prod-secret", run.Output);
    }

    [Fact]
    public void A_file_listed_in_ComposeFiles_that_does_not_exist_is_a_build_error()
    {
        var consumer = NewConsumer("missing")
            .With("deploy/compose.yaml", "services:\n  api:\n    image: example/api:1.0\n")
            .WithProject("App/App.csproj", extra: "<ComposeFiles>../deploy/compose.yaml;../deploy/compose.prod.yaml</ComposeFiles>")
            .With("App/Program.cs", "System.Console.WriteLine(App.Compose.ProjectName);\n");

        var build = consumer.BuildProject("App/App.csproj");

        Assert.False(build.Succeeded, build.ToString());
        Assert.Contains($"error CG0001: ComposeFiles lists '../deploy/compose.prod.yaml', which does not exist ({consumer.PathOf("deploy/compose.prod.yaml")};", build.Output);
        Assert.DoesNotContain("'../deploy/compose.yaml', which does not exist", build.Output);
    }

    [Fact]
    public void A_project_with_no_compose_file_builds_clean_with_one_message()
    {
        var consumer = NewConsumer("none")
            .WithProject("App/App.csproj")
            .With("App/Program.cs", "System.Console.WriteLine(\"no compose file here\");\n");
        for (var directory = new DirectoryInfo(consumer.Directory); directory is not null; directory = directory.Parent)
            Assert.DoesNotContain(new[] { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" }, name => File.Exists(Path.Combine(directory.FullName, name)));

        var build = consumer.BuildProject("App/App.csproj");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Contains("0 Warning(s)", build.Output);
        Assert.Contains("0 Error(s)", build.Output);
        Assert.Empty(build.Diagnostics);
        Assert.Empty(build.GeneratedFiles());
        Assert.Single(build.Output.Split('\n'), line => line.Contains("ComposeGen:", StringComparison.Ordinal));

        var run = consumer.RunApp("App/bin/Debug/net10.0/App.dll");
        Assert.Equal(new[] { "no compose file here" }, Lines(run.Output));
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
