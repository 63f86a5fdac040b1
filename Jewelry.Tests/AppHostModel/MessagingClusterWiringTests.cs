using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.Configuration;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// <c>RabbitMQ:Nodes=3</c> runs three RabbitMQ nodes that form one cluster, and gives every service all three; by
/// default there is one node, and the services know only their connection string, as at F5.
/// </summary>
public sealed class MessagingClusterWiringTests
{
    [Fact]
    public async Task By_default_one_node_runs_and_the_services_get_no_node_list()
    {
        await using var model = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses");

        var node = Assert.Single(model.Resources.OfType<LocalRabbitMQServerResource>());
        Assert.Equal(ResourceNames.Messaging, node.Name);
        Assert.False(File.Exists(Path.Combine(node.WorkingDirectory, "rabbitmq.conf")));
        foreach (var service in ResourceNames.Services)
        {
            Assert.DoesNotContain(await model.DeclaredEnvironmentOf(service), variable => variable.Key.StartsWith("Messaging__Nodes", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Three_nodes_share_a_cookie_list_each_other_and_are_all_given_to_every_service()
    {
        await using var model = await AppHostModel.BuildAsync(
            $"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses", $"{MessagingNodes.ConfigurationKey}=3");

        var nodes = model.Resources.OfType<LocalRabbitMQServerResource>().OrderBy(node => node.Name, StringComparer.Ordinal).ToList();
        Assert.Equal([ResourceNames.Messaging, $"{ResourceNames.Messaging}-2", $"{ResourceNames.Messaging}-3"], nodes.Select(node => node.Name));
        Assert.Equal(3, nodes.Select(node => node.NodeName).Distinct().Count());
        Assert.Single(nodes.Select(node => File.ReadAllText(Path.Combine(node.WorkingDirectory, ".erlang.cookie"))).Distinct());

        foreach (var node in nodes)
        {
            var environment = await model.DeclaredEnvironmentOf(node.Name);
            var configuration = File.ReadAllText(Assert.IsType<string>(environment["RABBITMQ_CONFIG_FILE"]));
            Assert.Contains("cluster_formation.peer_discovery_backend = classic_config", configuration, StringComparison.Ordinal);
            Assert.All(nodes, peer => Assert.Contains($" = {peer.NodeName}\n", configuration, StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(node.WorkingDirectory, ".erlang.cookie")));
            }
        }

        foreach (var service in ResourceNames.Services)
        {
            var declared = await model.DeclaredEnvironmentOf(service);
            for (var index = 0; index < nodes.Count; index++)
            {
                var address = Assert.IsType<ReferenceExpression>(declared[$"Messaging__Nodes__{index}"]);
                var port = Assert.IsType<EndpointReferenceExpression>(address.ValueProviders[1]);
                Assert.Same(nodes[index], port.Endpoint.Resource);
            }

            Assert.False(declared.ContainsKey($"Messaging__Nodes__{nodes.Count}"));
        }
    }

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    [InlineData("three")]
    public void A_count_that_cannot_keep_a_majority_is_refused_naming_the_setting(string nodes)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [MessagingNodes.ConfigurationKey] = nodes })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => MessagingNodes.From(configuration));

        Assert.Contains(MessagingNodes.ConfigurationKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("1, 3 or 5", error.Message, StringComparison.Ordinal);
    }
}
