using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.Tracing;

/// <summary>The dashboard's fault commands, run the way the dashboard runs them, change the running service.</summary>
[Collection(SharedJewelryApp.Name)]
public sealed class FaultCommandTests(JewelryAppFixture fixture)
{
    [Fact]
    public async Task The_slow_command_sets_a_latency_rule_in_the_service_and_the_clear_command_removes_it()
    {
        using var crm = fixture.CreateHttpClient(ResourceNames.CrmApi);
        try
        {
            var slow = await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.CrmApi, FaultInjectionResourceExtensions.SlowCommand);
            Assert.True(slow.Success, slow.Message);
            var rule = Assert.Single((await crm.GetFromJsonAsync<JsonElement>("/dev/faults")).EnumerateArray());
            Assert.Equal("*", rule.GetProperty("target").GetString());
            Assert.Equal("00:00:03", rule.GetProperty("latency").GetString());
        }
        finally
        {
            var clear = await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.CrmApi, FaultInjectionResourceExtensions.ClearCommand);
            Assert.True(clear.Success, clear.Message);
        }

        Assert.Empty((await crm.GetFromJsonAsync<JsonElement>("/dev/faults")).EnumerateArray());
    }
}
