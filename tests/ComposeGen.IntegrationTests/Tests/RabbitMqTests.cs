using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Xunit.Abstractions;

namespace ComposeGen.IntegrationTests.Tests;

/// <summary>RabbitMQ.Client with the generated host-context connection string, against a real RabbitMQ server.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqTests
{
    private readonly RabbitMqFixture _fixture;

    public RabbitMqTests(RabbitMqFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        output.WriteLine($"The servers of this collection started in {fixture.StartupTime.TotalSeconds:0.0} s.");
    }

    [SkippableFact]
    public async Task Rabbitmq_declares_publishes_and_consumes()
    {
        _fixture.RequireServers();
        Passwords.AssertNeedsEscaping(Compose.Services.Rabbitmq.Environment.RabbitmqDefaultPass);
        var connectionString = Compose.Services.Rabbitmq.ConnectionString;
        Assert.StartsWith("amqp://shop%20app:", connectionString);
        Assert.EndsWith($"@127.0.0.1:{Compose.Services.Rabbitmq.Ports[0].PublishedPort}/shop%2Forders", connectionString);

        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        Assert.Equal("shop app", factory.UserName);
        Assert.Equal("shop/orders", factory.VirtualHost);

        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;

        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            received.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);

        var payload = Passwords.Payload();
        await channel.BasicPublishAsync(exchange: "", routingKey: queue, body: Encoding.UTF8.GetBytes(payload));
        Assert.Equal(payload, await received.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [SkippableFact]
    public async Task Rabbitmq_refuses_a_wrong_password()
    {
        _fixture.RequireServers();
        var factory = new ConnectionFactory { Uri = new Uri(Compose.Services.Rabbitmq.ConnectionString), Password = "not the password", AutomaticRecoveryEnabled = false };

        var refused = await Assert.ThrowsAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync());
        Assert.IsType<AuthenticationFailureException>(refused.InnerException);
    }
}
