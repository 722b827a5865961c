using System.Text;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// SPEC §4: values from <c>.env</c> and from the environment are resolved at run time and never reach
/// the generated code or the assembly. Proven by searching both for a value only <c>.env</c> and the
/// build's environment hold.
/// </summary>
[Collection(ProcessEnvironment.Collection)]
public sealed class NoSecretsTests : IDisposable
{
    private const string DotEnvSecret = "dotenv-Secret-4f1c8a0e-value";
    private const string EnvironmentSecret = "env-Secret-93b2d7c1-value";

    private readonly string _directory = Directory.CreateTempSubdirectory("composegen-secrets-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("CG_ENV_SECRET", null);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Neither_the_generated_code_nor_the_assembly_contains_a_dotenv_or_environment_value()
    {
        const string yaml = """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: ${DB_PASSWORD}
                  FROM_SHELL: ${CG_ENV_SECRET:-literal-default}
            """;
        File.WriteAllText(Path.Combine(_directory, ".env"), $"DB_PASSWORD={DotEnvSecret}\n");
        Environment.SetEnvironmentVariable("CG_ENV_SECRET", EnvironmentSecret);

        // The .env file is an additional file too, as the package's targets add it.
        var dotEnv = new InMemoryText(Path.Combine(_directory, ".env"), File.ReadAllText(Path.Combine(_directory, ".env")));
        var run = GeneratorHarness.Run(yaml, otherFiles: new Microsoft.CodeAnalysis.AdditionalText[] { dotEnv }, composeDirectory: _directory);
        var source = run.Source()!;
        using var assembly = new MemoryStream();
        Assert.True(run.Output.Emit(assembly).Success);
        var bytes = assembly.ToArray();

        foreach (var secret in new[] { DotEnvSecret, EnvironmentSecret })
        {
            Assert.DoesNotContain(secret, source);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"the assembly holds '{secret}' (UTF-8)");
            Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"the assembly holds '{secret}' (UTF-16, as string literals are stored)");
        }

        // The test can fail: what the compose file itself says is embedded, and is found.
        Assert.Contains("literal-default", source);
        Assert.True(Contains(bytes, Encoding.Unicode.GetBytes("literal-default")));
    }

    private static bool Contains(byte[] haystack, byte[] needle)
        => haystack.AsSpan().IndexOf(needle) >= 0;
}
