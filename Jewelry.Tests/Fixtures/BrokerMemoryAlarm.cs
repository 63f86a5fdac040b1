using Jewelry.AppHost.LocalProcesses;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// A memory alarm on the application's own RabbitMQ node, as a broker short of memory raises one: the node blocks
/// every connection that publishes, so no publish is confirmed until the alarm clears (at the latest on dispose).
/// </summary>
public sealed class BrokerMemoryAlarm : IAsyncDisposable
{
    // RabbitMQ's default: the alarm goes off at 40 % of the machine's memory. At 0 it is always on.
    private const string DefaultWatermark = "0.4";
    private const string AlwaysOn = "0";

    private readonly LocalRabbitMQServerResource _node;

    private BrokerMemoryAlarm(LocalRabbitMQServerResource node) => _node = node;

    public static async Task<BrokerMemoryAlarm> RaiseAsync(DistributedApplication app)
    {
        var node = RabbitMQControl.Node(app);
        await SetWatermarkAsync(node, AlwaysOn);
        return new BrokerMemoryAlarm(node);
    }

    /// <summary>Clears the alarm: the node reads the blocked connections again and confirms what they sent.</summary>
    public async ValueTask DisposeAsync() => await SetWatermarkAsync(_node, DefaultWatermark);

    private static async Task SetWatermarkAsync(LocalRabbitMQServerResource node, string watermark) =>
        await RabbitMQControl.RunAsync(node, "set_vm_memory_high_watermark", watermark);
}
