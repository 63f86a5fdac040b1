using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Jewelry.Tests.AppHostModel;

/// <summary><c>Services:Replicas</c> runs every API as that many processes; by default each runs once, as at F5.</summary>
public sealed class ServiceReplicasWiringTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("3", 3)]
    public async Task Every_api_runs_as_many_times_as_configured(string? replicas, int expected)
    {
        string[] arguments = replicas is null
            ? [$"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses"]
            : [$"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses", $"{ServiceReplicas.ConfigurationKey}={replicas}"];
        await using var model = await AppHostModel.BuildAsync(arguments);

        foreach (var service in ResourceNames.Services)
        {
            var annotation = model.Resource<ProjectResource>(service).Annotations.OfType<ReplicaAnnotation>().SingleOrDefault();
            Assert.Equal(expected, annotation?.Replicas ?? 1);
        }
    }

    // Checked on the configuration alone: an AppHost that throws while its model is built under the testing builder hangs the run.
    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("two")]
    public void A_count_out_of_range_is_refused_naming_the_setting(string replicas)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ServiceReplicas.ConfigurationKey] = replicas })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => ServiceReplicas.From(configuration));

        Assert.Contains(ServiceReplicas.ConfigurationKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 8", error.Message, StringComparison.Ordinal);
    }
}
