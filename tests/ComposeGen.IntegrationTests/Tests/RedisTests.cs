using StackExchange.Redis;
using Xunit.Abstractions;

namespace ComposeGen.IntegrationTests.Tests;

/// <summary>StackExchange.Redis with the generated host-context connection strings, against real Redis servers.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTests
{
    private readonly RedisFixture _fixture;

    public RedisTests(RedisFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        output.WriteLine($"The servers of this collection started in {fixture.StartupTime.TotalSeconds:0.0} s.");
    }

    [SkippableFact]
    public async Task Redis_with_requirepass_round_trips()
    {
        _fixture.RequireServers();
        Passwords.AssertNeedsEscaping(Compose.Services.Redis.Environment.RediscliAuth);
        var connectionString = Compose.Services.Redis.ConnectionString;
        Assert.StartsWith($"127.0.0.1:{Compose.Services.Redis.Ports[0].PublishedPort},password=", connectionString);

        await RoundTripAsync(connectionString);
    }

    [SkippableFact]
    public async Task Redis_without_a_password_round_trips()
    {
        _fixture.RequireServers();
        var connectionString = Compose.Services.RedisNopass.ConnectionString;
        Assert.Equal($"127.0.0.1:{Compose.Services.RedisNopass.Ports[0].PublishedPort}", connectionString);

        await RoundTripAsync(connectionString);
    }

    [SkippableFact]
    public async Task Redis_refuses_a_wrong_password()
    {
        _fixture.RequireServers();
        var wrong = ConfigurationOptions.Parse(Compose.Services.Redis.ConnectionString);
        wrong.Password = "not the password";
        wrong.AbortOnConnectFail = true;
        wrong.ConnectRetry = 1;
        wrong.ConnectTimeout = 5000;

        await Assert.ThrowsAsync<RedisConnectionException>(() => ConnectionMultiplexer.ConnectAsync(wrong));
    }

    /// <summary>Connects (AUTH included: a refused AUTH aborts the connect), then SET and GET.</summary>
    private static async Task RoundTripAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        Assert.True(options.AbortOnConnectFail);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        Assert.True(redis.IsConnected);

        var database = redis.GetDatabase();
        var key = "composegen:round-trip:" + Guid.NewGuid().ToString("N");
        var payload = Passwords.Payload();
        Assert.True(await database.StringSetAsync(key, payload, TimeSpan.FromMinutes(1)));
        Assert.Equal(payload, (string?)await database.StringGetAsync(key));
        Assert.True(await database.KeyDeleteAsync(key));
    }
}
