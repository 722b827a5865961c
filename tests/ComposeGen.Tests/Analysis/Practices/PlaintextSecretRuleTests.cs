using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4005: a plaintext secret in environment.</summary>
public class PlaintextSecretRuleTests
{
    private static readonly PlaintextSecretRule Rule = new();

    [Fact]
    public void A_literal_password_is_reported_on_the_value()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_USER: shop
                  POSTGRES_PASSWORD: hunter2
            """, 6, 26);
        Assert.Equal(ProblemSeverity.Info, problem.Severity);
        Assert.Equal(
            "service 'db' sets POSTGRES_PASSWORD to a plaintext value in 'environment': it is in the compose file and in 'docker inspect'; "
            + "write '${POSTGRES_PASSWORD}' and keep the value in .env (out of source control), or use POSTGRES_PASSWORD_FILE with a compose secret if the image reads *_FILE variables",
            problem.Message);
    }

    [Fact]
    public void The_list_form_is_reported_on_the_item()
        => Assert.Contains(
            "sets RABBITMQ_DEFAULT_PASS to a plaintext value",
            Practice.Single(Rule, "services:\n  mq:\n    image: rabbitmq:3\n    environment:\n      - RABBITMQ_DEFAULT_PASS=guest\n", 5, 9).Message);

    [Theory]
    [InlineData("ConnectionStrings__Shop: \"Host=db;Username=shop;Password=hunter2;Database=shop\"")]
    [InlineData("ConnectionStrings__Sql: \"Server=db,1433;User ID=sa;Pwd=Str0ng!;TrustServerCertificate=true\"")]
    [InlineData("DATABASE_URL: postgres://shop:hunter2@db:5432/shop")]
    [InlineData("REDIS: \"cache:6379,password=hunter2\"")]
    [InlineData("BROKER: amqp://guest:guest@mq:5672/")]
    public void A_connection_string_with_an_inline_password_is_reported(string variable)
    {
        var problem = Practice.Single(Rule, $"services:\n  api:\n    image: shop-api:1.0\n    environment:\n      {variable}\n", 5, variable.IndexOf(':') + 9);
        Assert.Equal(
            $"service 'api' sets {variable.Substring(0, variable.IndexOf(':'))} to a connection string with a plaintext password in 'environment': it is in the compose file and in 'docker inspect'; "
            + "write the password as '${VAR}' inside the value and keep it in .env (out of source control), or read it from a compose secret",
            problem.Message);
    }

    [Theory]
    [InlineData("POSTGRES_PASSWORD_FILE: /run/secrets/pg_password")]
    [InlineData("DB_PASSWORD: ${DB_PASSWORD}")]
    [InlineData("DB_PASSWORD: ${DB_PASSWORD:?set it in .env}")]
    [InlineData("DB_PASSWORD: \"\"")]
    [InlineData("DB_PASSWORD:")]                          // null: taken from the shell
    [InlineData("DATABASE_PASSWORD: /run/secrets/db-password")]
    [InlineData("MYSQL_ALLOW_EMPTY_PASSWORD: \"yes\"")]
    [InlineData("MYSQL_RANDOM_ROOT_PASSWORD: \"1\"")]
    [InlineData("POSTGRES_USER: shop")]
    [InlineData("POSTGRES_HOST_AUTH_METHOD: scram-sha-256")]
    [InlineData("DB_HOST: db")]
    [InlineData("TOKEN_URL: https://login.example.com/token")]
    [InlineData("JWT_TOKEN_LIFETIME: 3600")]
    [InlineData("PASSWORD_MIN_LENGTH: \"12\"")]
    [InlineData("AWS_ACCESS_KEY_ID: AKIAEXAMPLE")]
    [InlineData("SECRET_KEY_BASE: $$SECRET_FROM_ENTRYPOINT")] // expanded by the container's shell
    [InlineData("TOKENIZERS_PARALLELISM: \"false\"")]
    [InlineData("DATABASE_URL: postgres://shop:${DB_PASSWORD}@db/shop")]
    [InlineData("DATABASE_URL: postgres://db:5432/shop")]
    [InlineData("ConnectionStrings__Shop: \"Host=db;Username=shop;Password=;Database=shop\"")]
    public void References_paths_switches_and_settings_about_secrets_are_fine(string variable)
        => Practice.Silent(Rule, $"services:\n  api:\n    image: shop-api:1.0\n    environment:\n      {variable}\n", new Dictionary<string, string> { ["DB_PASSWORD"] = "x" });

    [Fact]
    public void A_variable_with_no_value_is_fine()
        => Practice.Silent(Rule, "services:\n  api:\n    image: shop-api:1.0\n    environment:\n      - DB_PASSWORD\n");

    [Theory]
    [InlineData("POSTGRES_PASSWORD", true)]
    [InlineData("MSSQL_SA_PASSWORD", true)]
    [InlineData("PGPASSWORD", true)]
    [InlineData("DB_PASSWD", true)]
    [InlineData("RABBITMQ_DEFAULT_PASS", true)]
    [InlineData("JWT_SECRET", true)]
    [InlineData("Jwt__Secret", true)]
    [InlineData("dbPassword", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("STRIPE_APIKEY", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("MINIO_ACCESS_KEY", true)]
    [InlineData("TLS_PRIVATE_KEY", true)]
    [InlineData("GOOGLE_CREDENTIALS", true)]
    [InlineData("CLIENT_SECRETS", true)]
    [InlineData("POSTGRES_PASSWORD_FILE", false)]
    [InlineData("PASSWORD_PATH", false)]
    [InlineData("POSTGRES_USER", false)]
    [InlineData("SECRET_NAME", false)]
    [InlineData("REDIS_HOST", false)]
    [InlineData("REDIS_PORT", false)]
    [InlineData("TOKEN_URL", false)]
    [InlineData("AWS_ACCESS_KEY_ID", false)]
    [InlineData("MYSQL_ALLOW_EMPTY_PASSWORD", false)]
    [InlineData("MARIADB_RANDOM_ROOT_PASSWORD", false)]
    [InlineData("KEYCLOAK_ADMIN", false)]
    [InlineData("CACHE_KEY_PREFIX", false)]
    [InlineData("TOKENIZERS_PARALLELISM", false)]
    [InlineData("PASSWORDLESS_LOGIN", false)]
    public void Names_that_say_secret(string name, bool secret)
        => Assert.Equal(secret, PlaintextSecretRule.NameSaysSecret(name));
}
