using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.DependencyInjection;

namespace Jewelry.Tests.Fixtures;

/// <summary><c>rabbitmqctl</c> against the application's own RabbitMQ node (LocalProcesses mode).</summary>
public static class RabbitMQControl
{
    public static LocalRabbitMQServerResource Node(DistributedApplication app) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalRabbitMQServerResource>().Single();

    public static Task RunAsync(LocalRabbitMQServerResource node, params string[] arguments) =>
        CommandLine.RunAsync($"rabbitmqctl {string.Join(' ', arguments)}", LocalRabbitMQServerResource.ControlTool,
            ["-n", node.NodeName, .. arguments], TimeSpan.FromSeconds(60),
            // The Erlang cookie that admits rabbitmqctl to the node lives in the node's HOME.
            new Dictionary<string, string> { ["HOME"] = node.WorkingDirectory });
}
