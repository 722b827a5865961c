using ComposeGen.Runtime;
using Npgsql;
using Xunit.Abstractions;

namespace ComposeGen.IntegrationTests.Tests;

/// <summary>Npgsql with the generated host-context connection strings, against real PostgreSQL servers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests
{
    private readonly PostgresFixture _fixture;

    public PostgresTests(PostgresFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        output.WriteLine($"The servers of this collection started in {fixture.StartupTime.TotalSeconds:0.0} s.");
    }

    [SkippableFact]
    public async Task Postgres_with_the_password_from_a_variable_round_trips()
    {
        _fixture.RequireServers();
        Passwords.AssertNeedsEscaping(Compose.Services.Postgres.Environment.PostgresPassword);
        var connectionString = Compose.Services.Postgres.ConnectionString;
        Assert.Equal(ComposeContext.Host, Compose.Context);
        Assert.StartsWith($"Host=127.0.0.1;Port={Compose.Services.Postgres.Ports[0].PublishedPort};", connectionString);

        await RoundTripAsync(connectionString, expectedUser: "app", expectedDatabase: "orders");
    }

    [SkippableFact]
    public async Task Postgres_with_the_password_from_a_secret_file_round_trips()
    {
        _fixture.RequireServers();
        Passwords.AssertNeedsEscaping(File.ReadAllText(Compose.Secrets.PostgresPassword.File!));
        var connectionString = Compose.Services.PostgresFile.ConnectionString;
        Assert.StartsWith($"Host=127.0.0.1;Port={Compose.Services.PostgresFile.Ports[0].PublishedPort};", connectionString);

        // No POSTGRES_DB: the database is the user's.
        await RoundTripAsync(connectionString, expectedUser: "reporting", expectedDatabase: "reporting");
    }

    [SkippableFact]
    public async Task Postgres_refuses_a_wrong_password()
    {
        _fixture.RequireServers();
        var wrong = new NpgsqlConnectionStringBuilder(Compose.Services.Postgres.ConnectionString) { Password = "not the password", Pooling = false };

        await using var connection = new NpgsqlConnection(wrong.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    /// <summary>CREATE TABLE, INSERT, SELECT, DROP, as the user and in the database the compose file names.</summary>
    private static async Task RoundTripAsync(string connectionString, string expectedUser, string expectedDatabase)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();

        await using (var who = new NpgsqlCommand("SELECT current_user::text, current_database()::text", connection))
        await using (var reader = await who.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(expectedUser, reader.GetString(0));
            Assert.Equal(expectedDatabase, reader.GetString(1));
        }

        var table = "round_trip_" + Guid.NewGuid().ToString("N");
        var payload = Passwords.Payload();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id serial PRIMARY KEY, note text NOT NULL)", connection))
            await create.ExecuteNonQueryAsync();
        try
        {
            await using (var insert = new NpgsqlCommand($"INSERT INTO {table} (note) VALUES (@note)", connection))
            {
                insert.Parameters.AddWithValue("note", payload);
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }

            await using var select = new NpgsqlCommand($"SELECT note FROM {table}", connection);
            Assert.Equal(payload, await select.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE {table}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
