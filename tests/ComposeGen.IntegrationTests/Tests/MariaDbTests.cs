using MySqlConnector;
using Xunit.Abstractions;

namespace ComposeGen.IntegrationTests.Tests;

/// <summary>MySqlConnector with the generated host-context connection strings, against real MariaDB servers.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MariaDbTests
{
    private readonly MariaDbFixture _fixture;

    public MariaDbTests(MariaDbFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        output.WriteLine($"The servers of this collection started in {fixture.StartupTime.TotalSeconds:0.0} s.");
    }

    [SkippableFact]
    public async Task Mariadb_image_family_with_the_password_from_a_variable_round_trips()
    {
        _fixture.RequireServers();
        Passwords.AssertNeedsEscaping(Compose.Services.Mariadb.Environment.MariadbPassword);
        var connectionString = Compose.Services.Mariadb.ConnectionString;
        Assert.StartsWith($"Server=127.0.0.1;Port={Compose.Services.Mariadb.Ports[0].PublishedPort};User ID=shop;", connectionString);

        await RoundTripAsync(connectionString, expectedUser: "shop@%", expectedDatabase: "shop");
    }

    [SkippableFact]
    public async Task Mysql_image_family_with_the_password_from_a_secret_file_round_trips()
    {
        _fixture.RequireServers();
        Passwords.AssertNeedsEscaping(File.ReadAllText(Compose.Secrets.MysqlPassword.File!));
        var connectionString = Compose.Services.Mysql.ConnectionString;
        Assert.StartsWith($"Server=127.0.0.1;Port={Compose.Services.Mysql.Ports[0].PublishedPort};User ID=inventory;", connectionString);

        await RoundTripAsync(connectionString, expectedUser: "inventory@%", expectedDatabase: "inventory");
    }

    [SkippableFact]
    public async Task Mariadb_refuses_a_wrong_password()
    {
        _fixture.RequireServers();
        var wrong = new MySqlConnectionStringBuilder(Compose.Services.Mariadb.ConnectionString) { Password = "not the password", Pooling = false };

        await using var connection = new MySqlConnection(wrong.ConnectionString);
        var refused = await Assert.ThrowsAsync<MySqlException>(() => connection.OpenAsync());
        Assert.Equal(MySqlErrorCode.AccessDenied, refused.ErrorCode);
    }

    /// <summary>CREATE TABLE, INSERT, SELECT, DROP, as the app user and in the database the compose file names.</summary>
    private static async Task RoundTripAsync(string connectionString, string expectedUser, string expectedDatabase)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var who = new MySqlCommand("SELECT CURRENT_USER(), DATABASE()", connection))
        await using (var reader = await who.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(expectedUser, reader.GetString(0));
            Assert.Equal(expectedDatabase, reader.GetString(1));
        }

        var table = "round_trip_" + Guid.NewGuid().ToString("N");
        var payload = Passwords.Payload();
        await using (var create = new MySqlCommand($"CREATE TABLE {table} (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(200) NOT NULL) CHARACTER SET utf8mb4", connection))
            await create.ExecuteNonQueryAsync();
        try
        {
            await using (var insert = new MySqlCommand($"INSERT INTO {table} (note) VALUES (@note)", connection))
            {
                insert.Parameters.AddWithValue("@note", payload);
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }

            await using var select = new MySqlCommand($"SELECT note FROM {table}", connection);
            Assert.Equal(payload, await select.ExecuteScalarAsync());
        }
        finally
        {
            await using var drop = new MySqlCommand($"DROP TABLE {table}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
