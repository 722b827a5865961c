using System.Reflection;
using Npgsql;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// The generated code compiled, loaded and run: context detection and override, the order in which
/// variables are resolved, the unpublished-port error, and connection strings read back by the real client.
/// Each test loads its own copy of the generated assembly, so its statics start fresh.
/// </summary>
[Collection(ProcessEnvironment.Collection)]
public sealed class GeneratedBehaviourTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("composegen-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("COMPOSEGEN_CONTEXT", null);
        Environment.SetEnvironmentVariable("CG_TEST_LEVEL", null);
        Directory.Delete(_directory, recursive: true);
    }

    private Assembly Build(string yaml, string? dotEnv = null)
    {
        if (dotEnv is not null)
            File.WriteAllText(Path.Combine(_directory, ".env"), dotEnv);
        var run = GeneratorHarness.Run(yaml, new Dictionary<string, string> { ["MSBuildProjectDirectory"] = _directory }, otherFiles: Array.Empty<Microsoft.CodeAnalysis.AdditionalText>(), composeDirectory: _directory);
        Assert.True(run.CompilationProblems.Count == 0, string.Join("\n", run.CompilationProblems));
        return run.Load();
    }

    private static object? Get(Assembly assembly, string typePath, string member)
    {
        var type = assembly.GetType("Shop.Api." + typePath.Replace('.', '+'), throwOnError: true)!;
        var field = type.GetField(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        if (field is not null)
            return field.GetValue(null);
        try
        {
            return type.GetProperty(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null);
        }
        catch (TargetInvocationException exception)
        {
            throw exception.InnerException!;
        }
    }

    private static void SetContext(Assembly assembly, string context)
    {
        var compose = assembly.GetType("Shop.Api.Compose", throwOnError: true)!;
        var property = compose.GetProperty("Context")!;
        property.SetValue(null, Enum.Parse(property.PropertyType, context));
    }

    [Fact]
    public void The_context_can_be_forced_by_COMPOSEGEN_CONTEXT()
    {
        Environment.SetEnvironmentVariable("COMPOSEGEN_CONTEXT", "network");
        Assert.Equal("Network", Get(Build(TestProjects.Shop), "Compose", "Context")!.ToString());
        Environment.SetEnvironmentVariable("COMPOSEGEN_CONTEXT", "host");
        Assert.Equal("Host", Get(Build(TestProjects.Shop), "Compose", "Context")!.ToString());
    }

    [Fact]
    public void Literals_are_constants_and_templates_are_resolved_when_read()
    {
        var yaml = "services:\n  api:\n    image: api:1\n    environment:\n      FIXED: same\n      LEVEL: ${CG_TEST_LEVEL:-from-default}\n";
        var assembly = Build(yaml, dotEnv: "CG_TEST_LEVEL=from-dotenv\n");
        var environment = assembly.GetType("Shop.Api.Compose+Services+Api+Environment")!;
        Assert.True(environment.GetField("Fixed")!.IsLiteral);

        Assert.Equal("from-dotenv", Get(assembly, "Compose.Services.Api.Environment", "Level"));
        Environment.SetEnvironmentVariable("CG_TEST_LEVEL", "from-process");
        Assert.Equal("from-process", Get(assembly, "Compose.Services.Api.Environment", "Level"));
        Environment.SetEnvironmentVariable("CG_TEST_LEVEL", null);
        File.Delete(Path.Combine(_directory, ".env"));
        Assert.Equal("from-default", Get(assembly, "Compose.Services.Api.Environment", "Level"));
    }

    [Fact]
    public void A_required_variable_throws_with_the_compose_files_message()
    {
        var assembly = Build(TestProjects.Shop);
        var error = Assert.Throws<InvalidOperationException>(() => Get(assembly, "Compose.Services.Cache", "NetworkConnectionString"));
        Assert.Contains("set REDIS_PASSWORD in .env", error.Message);
    }

    [Fact]
    public void Asking_the_host_for_an_unpublished_port_names_the_service_the_port_and_the_line()
    {
        var assembly = Build(TestProjects.Shop, dotEnv: "REDIS_PASSWORD=pw\n");
        SetContext(assembly, "Host");
        var error = Assert.Throws<InvalidOperationException>(() => Get(assembly, "Compose.Services.Cache.Endpoints", "Redis"));
        Assert.Contains("cache", error.Message);
        Assert.Contains("6379", error.Message);
        Assert.Contains("compose.yaml line", error.Message);
    }

    [Fact]
    public void The_postgres_connection_string_reads_the_secret_file_and_parses_in_Npgsql()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "secrets"));
        File.WriteAllText(Path.Combine(_directory, "secrets", "orders_db_password.txt"), "p@ss;word=\"x'\n");
        var assembly = Build(TestProjects.Shop);

        var network = new NpgsqlConnectionStringBuilder((string)Get(assembly, "Compose.Services.OrdersDb", "NetworkConnectionString")!);
        Assert.Equal(("orders-db", 5432, "shop", "p@ss;word=\"x'", "orders"), (network.Host, network.Port, network.Username, network.Password, network.Database));

        var host = new NpgsqlConnectionStringBuilder((string)Get(assembly, "Compose.Services.OrdersDb", "HostConnectionString")!);
        Assert.Equal(("127.0.0.1", 5432), (host.Host, host.Port));
    }

    [Fact]
    public void The_redis_password_comes_from_requirepass()
    {
        var assembly = Build(TestProjects.Shop, dotEnv: "REDIS_PASSWORD=s3cr@t=1\n");
        var options = StackExchange.Redis.ConfigurationOptions.Parse((string)Get(assembly, "Compose.Services.Cache", "NetworkConnectionString")!);
        Assert.Equal("s3cr@t=1", options.Password);
        Assert.Equal("cache:6379", options.EndPoints.Single().ToString()!.Replace("Unspecified/", ""));
    }
}

/// <summary>Tests that set process environment variables must not run in parallel with each other.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Collection = "process environment";
}
