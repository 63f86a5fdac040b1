using System.Collections.Concurrent;
using System.Diagnostics;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// MES killed outright (SIGKILL: no shutdown, messages in hand unacknowledged) in the middle of a burst of orders,
/// then started again: every order reaches manufacturing and the CRM, each exactly once.
/// </summary>
[Collection(FaultsJewelryApp.Name)]
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

            placed.Add(await OrderScenario.PlaceOrderAsync(shop, cancellationToken: cancellationToken));
        });

        // One more while MES is down, in a trace of its own.
        var whileDown = new TestTrace();
        placed.Add(await OrderScenario.PlaceOrderAsync(shop, whileDown));

        var restartAsked = DateTimeOffset.UtcNow;
        var restart = Stopwatch.StartNew();
        await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.MesApi, KnownResourceCommands.StartCommand);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.MesApi);
        output.WriteLine($"{placed.Count} orders placed; MES healthy again {restart.Elapsed.TotalSeconds:0.0} s after its restart was asked");

        await scenario.AssertEachDeliveredOnceAsync(placed);

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
        using var process = fixture.ProcessOf(resourceName);
        var pid = process.Id;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var after = await fixture.App.ResourceNotifications.WaitForResourceAsync(resourceName,
            update => update.Snapshot.State?.Text is not (null or "Running" or "Starting"));
        output.WriteLine($"killed {resourceName} (pid {pid}); Aspire reports it {after.Snapshot.State?.Text}");
    }
}
