using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.ServiceDefaults;

/// <summary>Faults are for reproducing failures outside Production, and never reachable in it.</summary>
[Collection(RunsAlone.Name)]
public sealed class FaultInjectionTests
{
    private static void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["FaultInjection:Rules:0:Target"] = "GET /api/ping";
        builder.Configuration["FaultInjection:Rules:0:ErrorRate"] = "1";
    }

    private static void MapPing(WebApplication app) => app.MapGet("/api/ping", () => TypedResults.Ok("pong"));

    [Theory]
    [InlineData("Development", HttpStatusCode.InternalServerError, HttpStatusCode.OK)]
    [InlineData("Staging", HttpStatusCode.InternalServerError, HttpStatusCode.NotFound)]
    [InlineData("Production", HttpStatusCode.OK, HttpStatusCode.NotFound)]
    public async Task Configured_faults_apply_outside_Production_and_the_run_time_switch_exists_only_in_Development(
        string environment, HttpStatusCode ping, HttpStatusCode faultsEndpoint)
    {
        await using var service = await InProcessService.StartAsync(MapPing, Configure, environment);

        using var pingResponse = await service.Client.GetAsync("/api/ping");
        using var faultsResponse = await service.Client.GetAsync("/dev/faults");

        Assert.Equal(ping, pingResponse.StatusCode);
        Assert.Equal(faultsEndpoint, faultsResponse.StatusCode);
    }

    [Fact]
    public async Task Rules_set_at_run_time_replace_the_configured_ones_until_reset()
    {
        await using var service = await InProcessService.StartAsync(MapPing, Configure);

        using var replaced = await service.Client.PutAsync("/dev/faults", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
        using var afterReplace = await service.Client.GetAsync("/api/ping");
        using var reset = await service.Client.DeleteAsync("/dev/faults");
        using var afterReset = await service.Client.GetAsync("/api/ping");

        Assert.Equal(HttpStatusCode.OK, afterReplace.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, afterReset.StatusCode);
    }

    [Fact]
    public async Task An_impossible_rule_is_refused_with_a_problem()
    {
        await using var service = await InProcessService.StartAsync(MapPing);

        using var response = await service.Client.PutAsync("/dev/faults",
            new StringContent("""[{"target":"*","errorRate":1.5}]""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
