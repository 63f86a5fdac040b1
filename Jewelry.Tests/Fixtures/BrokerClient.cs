using System.Text;
using RabbitMQ.Client;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// Talks to the application's RabbitMQ directly, as a misbehaving or repeating publisher would: the edge the
/// messaging tests need to reach that the public APIs do not offer.
/// </summary>
public sealed class BrokerClient(IConnection connection) : IAsyncDisposable
{
    public static async Task<BrokerClient> ConnectAsync(DistributedApplication app) => new(await OpenConnectionAsync(app));

    /// <summary>A connection of its own to the application's RabbitMQ, as a service instance opens one.</summary>
    public static async Task<IConnection> OpenConnectionAsync(DistributedApplication app)
    {
        var connectionString = await app.GetConnectionStringAsync(AppHost.ResourceNames.Messaging)
            ?? throw new InvalidOperationException("The messaging resource has no connection string.");
        return await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
    }

    public async Task PublishAsync(string routingKey, Guid messageId, string body, string? traceParent = null)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var properties = new BasicProperties
        {
            MessageId = messageId.ToString(),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = traceParent is null ? null : new Dictionary<string, object?> { ["traceparent"] = traceParent },
        };
        await channel.BasicPublishAsync("jewelry.orders", routingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Waits until the message with <paramref name="messageId"/> is in <paramref name="queue"/>, taking it off.</summary>
    public async Task<bool> WaitForMessageAsync(string queue, Guid messageId, TimeSpan timeout)
    {
        await using var channel = await connection.CreateChannelAsync();
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: false);
            if (message is null)
            {
                await Task.Delay(200, CancellationToken.None);
                continue;
            }

            if (message.BasicProperties.MessageId == messageId.ToString())
            {
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
                return true;
            }

            // Another test's dead letter: left unacknowledged, so the next get moves on to the following
            // message, and closing the channel puts it back for that test.
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        connection.Dispose();
    }
}
