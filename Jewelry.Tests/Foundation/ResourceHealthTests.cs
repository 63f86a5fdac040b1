using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.Foundation;

[Collection(SharedJewelryApp.Name)]
public sealed class ResourceHealthTests(JewelryAppFixture fixture)
{
    public static TheoryData<string> Resources => new(ResourceNames.All);

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_resource_is_running_and_healthy(string resourceName)
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(resourceName, out var resourceEvent));
        var snapshot = resourceEvent.Snapshot;

        Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, snapshot.HealthStatus);
    }
}
