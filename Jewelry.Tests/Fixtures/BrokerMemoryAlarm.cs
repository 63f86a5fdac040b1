using System.Diagnostics;
using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.DependencyInjection;

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
    private bool _raised = true;

    private BrokerMemoryAlarm(LocalRabbitMQServerResource node) => _node = node;

    public static async Task<BrokerMemoryAlarm> RaiseAsync(DistributedApplication app)
    {
        var node = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<LocalRabbitMQServerResource>().Single();
        await SetWatermarkAsync(node, AlwaysOn);
        return new BrokerMemoryAlarm(node);
    }

    public async Task ClearAsync()
    {
        if (_raised)
        {
            _raised = false;
            await SetWatermarkAsync(_node, DefaultWatermark);
        }
    }

    public async ValueTask DisposeAsync() => await ClearAsync();

    private static async Task SetWatermarkAsync(LocalRabbitMQServerResource node, string watermark)
    {
        var start = new ProcessStartInfo(LocalRabbitMQServerResource.ControlTool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The Erlang cookie that admits rabbitmqctl to the node lives in the node's HOME.
            Environment = { ["HOME"] = node.WorkingDirectory },
        };
        foreach (var argument in new[] { "-n", node.NodeName, "set_vm_memory_high_watermark", watermark })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"rabbitmqctl set_vm_memory_high_watermark {watermark} failed: {await error}{await output}");
    }
}
