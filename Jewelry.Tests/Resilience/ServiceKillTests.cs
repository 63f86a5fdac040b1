using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using Xunit.Abstractions;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// MES killed outright (SIGKILL: no shutdown, messages in hand unacknowledged) in the middle of a burst of orders,
/// then started again: every order reaches manufacturing and the CRM, each exactly once.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ServiceKillTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private const int Orders = 30;

    [Fact]
    public async Task Manufacturing_killed_in_an_order_burst_and_restarted_loses_no_order_and_doubles_none()
    {
        var scenario = new OrderScenario(fixture);
        using var shop = await scenario.ShopAsAsync(await scenario.RegisterCustomerAsync());
        var placed = new ConcurrentBag<Guid>();
        var killed = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, Orders), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (index, cancellationToken) =>
        {
            if (index == Orders / 3 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await KillAsync(ResourceNames.MesApi);
            }

            using var response = await shop.PostAsJsonAsync("/api/orders", OrderScenario.CatalogOrder, cancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            placed.Add((await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("orderId").GetGuid());
        });

        // One more while MES is down, in a trace of its own.
        var whileDown = new TestTrace();
        using (var response = await shop.SendAsync(whileDown.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CatalogOrder))))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            placed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid());
        }

        var restartAsked = DateTimeOffset.UtcNow;
        var restart = Stopwatch.StartNew();
        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.MesApi, KnownResourceCommands.StartCommand);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.MesApi);
        output.WriteLine($"{placed.Count} orders placed; MES healthy again {restart.Elapsed.TotalSeconds:0.0} s after its restart was asked");

        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        foreach (var orderId in placed)
        {
            await scenario.WaitForProductionOrderAsync(orderId, TimeSpan.FromSeconds(90));
            var (_, history) = await Eventually.MatchesAsync(async () =>
            {
                using var response = await crm.GetAsync($"/api/orders/{orderId}");
                return (response.StatusCode, response.StatusCode == HttpStatusCode.OK
                    ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("history").EnumerateArray().Select(entry => entry.GetProperty("status").GetString()).ToList()
                    : []);
            }, result => result.Item2.Contains("PriceCalculated"), $"the CRM knowing order {orderId} as priced", TimeSpan.FromSeconds(60));
            Assert.Equal(1, history.Count(status => status == "Submitted"));
            Assert.Equal(1, history.Count(status => status == "PriceCalculated"));
        }

        output.WriteLine($"all {placed.Count} delivered once, {restart.Elapsed.TotalSeconds:0.0} s after the restart was asked");

        // Its trace shows the message waiting for MES: consumed, in the same trace, only by the restarted MES.
        var spans = await fixture.Telemetry.WaitForTraceAsync(whileDown.TraceId, found =>
            found.Any(span => span.Is(ResourceNames.MesApi, SpanKind.Consumer)));
        var consume = Assert.Single(spans, span => span.Is(ResourceNames.MesApi, SpanKind.Consumer));
        Assert.True(consume.StartTime >= restartAsked.AddSeconds(-1), $"Consumed at {consume.StartTime:O}, before MES was restarted at {restartAsked:O}.");
    }

    /// <summary>SIGKILL to the service's process and its children: nothing runs its shutdown.</summary>
    private async Task KillAsync(string resourceName)
    {
        var snapshot = fixture.App.ResourceNotifications.TryGetCurrentState(resourceName, out var state)
            ? state.Snapshot
            : throw new InvalidOperationException($"No state for {resourceName}.");
        var pid = int.Parse(snapshot.Properties.Single(property => property.Name == "executable.pid").Value!.ToString()!, CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var after = await fixture.App.ResourceNotifications.WaitForResourceAsync(resourceName,
            update => update.Snapshot.State?.Text is not (null or "Running" or "Starting"));
        output.WriteLine($"killed {resourceName} (pid {pid}); Aspire reports it {after.Snapshot.State?.Text}");
    }
}
