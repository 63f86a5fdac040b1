using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.DependencyInjection;

namespace Jewelry.Tests.Fixtures;

/// <summary><c>rabbitmqctl</c> against the application's own RabbitMQ nodes (LocalProcesses mode).</summary>
public static class RabbitMQControl
{
    public static LocalRabbitMQServerResource Node(DistributedApplication app) => Nodes(app).Single();

    /// <summary>Every node, the first (named like the services' connection string) first.</summary>
    public static IReadOnlyList<LocalRabbitMQServerResource> Nodes(DistributedApplication app) =>
        [.. app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalRabbitMQServerResource>().OrderBy(node => node.Name, StringComparer.Ordinal)];

    /// <summary>Runs the command against the node and returns what it printed.</summary>
    public static Task<string> RunAsync(LocalRabbitMQServerResource node, params string[] arguments) =>
        CommandLine.RunAsync($"rabbitmqctl {string.Join(' ', arguments)}", LocalRabbitMQServerResource.ControlTool,
            // Generous: the tool loads its code before it does anything, and while an application starts beside it on
            // two cores that took up to two minutes (a second on an idle machine).
            ["-n", node.NodeName, .. arguments], TimeSpan.FromMinutes(3),
            // The Erlang cookie that admits rabbitmqctl to the node lives in the node's HOME.
            new Dictionary<string, string> { ["HOME"] = node.WorkingDirectory });
}
