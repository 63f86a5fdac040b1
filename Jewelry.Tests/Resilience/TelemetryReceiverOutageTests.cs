using System.Diagnostics;
using System.Globalization;
using System.Net;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// The trace receiver (here the Aspire dashboard, frozen with SIGSTOP) unreachable for 40 s under moderate load,
/// longer than an export's 30 s timeout: no request fails, the Shop's memory stays within its export queue's budget,
/// and every span of the window reaches the receiver after it comes back (exports that timed out are kept on disk
/// and sent again; the rest wait in the export queues).
/// </summary>
[Collection(FaultsJewelryApp.Name)]
public sealed class TelemetryReceiverOutageTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan BetweenRequests = TimeSpan.FromMilliseconds(100);

    // Tracing:Export:QueueMemoryMiB, the ordinary span queue's budget.
    private const long ExportQueueBudgetBytes = 64L * 1024 * 1024;

    [Fact]
    public async Task With_the_receiver_frozen_for_40_s_no_request_fails_memory_stays_bounded_and_every_span_arrives_afterwards()
    {
        using var shop = fixture.CreateHttpClient(ResourceNames.ShopApi);
        using var dashboard = fixture.ProcessOf("aspire-dashboard");
        using var shopProcess = fixture.ProcessOf(ResourceNames.ShopApi);
        var rssBefore = ResidentBytes(shopProcess);
        var traces = new List<TestTrace>();

        Signal(dashboard, "STOP");
        var outage = Stopwatch.StartNew();
        long rssPeak = rssBefore;
        try
        {
            while (outage.Elapsed < Outage)
            {
                var trace = new TestTrace();
                using var response = await shop.SendAsync(trace.Request(HttpMethod.Get, "/api/catalog/items?category=ring"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                traces.Add(trace);
                rssPeak = Math.Max(rssPeak, ResidentBytes(shopProcess));
                await Task.Delay(BetweenRequests);
            }

            // The receiver really was away: it does not even answer a query.
            using var shortWait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Telemetry.GetSpansAsync(traces[0].TraceId, shortWait.Token));
        }
        finally
        {
            Signal(dashboard, "CONT");
        }

        output.WriteLine($"{traces.Count} requests in {outage.Elapsed.TotalSeconds:0} s with the receiver frozen, none failed; " +
            $"Shop RSS {rssBefore / 1048576} MiB before, {rssPeak / 1048576} MiB at most during");
        Assert.True(rssPeak - rssBefore < ExportQueueBudgetBytes,
            $"The Shop grew by {(rssPeak - rssBefore) / 1048576} MiB while the receiver was away.");

        var back = Stopwatch.StartNew();
        foreach (var trace in traces)
        {
            await fixture.Telemetry.WaitForTraceAsync(trace.TraceId,
                spans => spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)), TimeSpan.FromSeconds(120));
        }

        output.WriteLine($"every request's span arrived, the last {back.Elapsed.TotalSeconds:0.0} s after the receiver came back");
    }

    private static void Signal(Process process, string signal) =>
        Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    private static long ResidentBytes(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }
}
