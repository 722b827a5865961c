using ComposeGen.IntegrationTests.Infrastructure;
using ComposeGen.IntegrationTests.Servers;

namespace ComposeGen.IntegrationTests;

// One collection per server family: the families start in parallel, the tests of one family share its servers.
// Every value a server is given (port, user, password, database) is read from the generated Compose API, which
// reads the compose file, its .env and its secret files, so the servers and the connection strings cannot drift.

/// <summary>PostgreSQL for the compose services <c>postgres</c> and <c>postgres-file</c>.</summary>
public sealed class PostgresFixture : ServerFixture
{
    private protected override string Family => "postgres";

    private protected override string? FindMissing() => PostgresServer.Missing();

    private protected override Task StartServersAsync(TempDirectory temp, Action<IServer> started)
    {
        // postgres: POSTGRES_PASSWORD from ${POSTGRES_PASSWORD} (.env).
        var a = PostgresServer.StartAsync(temp, Compose.Services.Postgres.Name, ComposeValues.Published(Compose.Services.Postgres.Ports[0]),
            Compose.Services.Postgres.Environment.PostgresUser, Compose.Services.Postgres.Environment.PostgresPassword, Compose.Services.Postgres.Environment.PostgresDb, started);

        // postgres-file: POSTGRES_PASSWORD_FILE (the postgres_password secret); no POSTGRES_DB, so the image names the database after the user.
        var fileUser = Compose.Services.PostgresFile.Environment.PostgresUser;
        var b = PostgresServer.StartAsync(temp, Compose.Services.PostgresFile.Name, ComposeValues.Published(Compose.Services.PostgresFile.Ports[0]),
            fileUser, ComposeValues.ReadSecret(Compose.Secrets.PostgresPassword.File), fileUser, started);
        return Task.WhenAll(a, b);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL servers";
}

/// <summary>MariaDB for the compose services <c>mariadb</c> (mariadb image family) and <c>mysql</c> (mysql image family).</summary>
public sealed class MariaDbFixture : ServerFixture
{
    private protected override string Family => "mariadb";

    private protected override string? FindMissing() => MariaDbServer.Missing();

    private protected override Task StartServersAsync(TempDirectory temp, Action<IServer> started)
    {
        // mariadb: MARIADB_PASSWORD from ${MARIADB_PASSWORD}, MARIADB_ROOT_PASSWORD_FILE from the mariadb_root_password secret.
        var a = MariaDbServer.StartAsync(temp, Compose.Services.Mariadb.Name, ComposeValues.Published(Compose.Services.Mariadb.Ports[0]),
            rootPassword: ComposeValues.ReadSecret(Compose.Secrets.MariadbRootPassword.File),
            database: Compose.Services.Mariadb.Environment.MariadbDatabase,
            user: Compose.Services.Mariadb.Environment.MariadbUser,
            password: Compose.Services.Mariadb.Environment.MariadbPassword,
            started);

        // mysql: MYSQL_PASSWORD_FILE from the mysql_password secret, MYSQL_ROOT_PASSWORD from ${MYSQL_ROOT_PASSWORD}.
        var b = MariaDbServer.StartAsync(temp, Compose.Services.Mysql.Name, ComposeValues.Published(Compose.Services.Mysql.Ports[0]),
            rootPassword: Compose.Services.Mysql.Environment.MysqlRootPassword,
            database: Compose.Services.Mysql.Environment.MysqlDatabase,
            user: Compose.Services.Mysql.Environment.MysqlUser,
            password: ComposeValues.ReadSecret(Compose.Secrets.MysqlPassword.File),
            started);
        return Task.WhenAll(a, b);
    }
}

[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "MariaDB servers";
}

/// <summary>Redis for the compose services <c>redis</c> (<c>--requirepass ${REDIS_PASSWORD}</c>) and <c>redis-nopass</c>.</summary>
public sealed class RedisFixture : ServerFixture
{
    private protected override string Family => "redis";

    private protected override string? FindMissing() => RedisServer.Missing();

    private protected override Task StartServersAsync(TempDirectory temp, Action<IServer> started)
    {
        // The compose command is ["redis-server", "--requirepass", "${REDIS_PASSWORD:?...}"]; REDISCLI_AUTH (for the
        // healthcheck's redis-cli) is the same variable, and the generated API resolves it the same way.
        var a = RedisServer.StartAsync(temp, Compose.Services.Redis.Name, ComposeValues.Published(Compose.Services.Redis.Ports[0]),
            Compose.Services.Redis.Environment.RediscliAuth, started);
        var b = RedisServer.StartAsync(temp, Compose.Services.RedisNopass.Name, ComposeValues.Published(Compose.Services.RedisNopass.Ports[0]),
            null, started);
        return Task.WhenAll(a, b);
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "Redis servers";
}

/// <summary>RabbitMQ for the compose service <c>rabbitmq</c>.</summary>
public sealed class RabbitMqFixture : ServerFixture
{
    private protected override string Family => "rabbitmq";

    private protected override string? FindMissing() => RabbitMqServer.Missing();

    private protected override async Task StartServersAsync(TempDirectory temp, Action<IServer> started)
        => await RabbitMqServer.StartAsync(temp, Compose.Services.Rabbitmq.Name, ComposeValues.Published(Compose.Services.Rabbitmq.Ports[0]),
            Compose.Services.Rabbitmq.Environment.RabbitmqDefaultUser,
            Compose.Services.Rabbitmq.Environment.RabbitmqDefaultPass,
            Compose.Services.Rabbitmq.Environment.RabbitmqDefaultVhost,
            started);
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "RabbitMQ servers";
}
