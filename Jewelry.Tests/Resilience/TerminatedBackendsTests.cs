using System.Collections.Concurrent;
using System.Net;
using Jewelry.AppHost;
using Jewelry.Data;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using Npgsql;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// Every backend of the Shop's database terminated three times while customers read (what a PostgreSQL failover does
/// to open connections): not one read fails, and the retried ones say so on their server span.
/// </summary>
[Collection(FaultsJewelryApp.Name)]
public sealed class TerminatedBackendsTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private const int Readers = 8;
    private const int Terminations = 3;

    [Fact]
    public async Task Terminating_every_backend_of_the_shop_database_under_load_fails_no_read()
    {
        var scenario = new OrderScenario(fixture);
        using var shop = await scenario.ShopAsAsync(await scenario.RegisterCustomerAsync());
        var since = DateTimeOffset.UtcNow;
        var answers = new ConcurrentBag<HttpStatusCode>();
        var failedTraces = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            string[] paths = ["/api/catalog/items", "/api/orders", $"/api/catalog/items/{reader + 1}"];
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var trace = new TestTrace();
                using var response = await shop.SendAsync(trace.Request(HttpMethod.Get, paths[i % paths.Length]), CancellationToken.None);
                answers.Add(response.StatusCode);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failedTraces.Add(trace.TraceId);
                }
            }
        })).ToList();

        var terminated = 0;
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.OpenAsync();
            for (var round = 0; round < Terminations; round++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                await using var terminate = new NpgsqlCommand(
                    // In the select list, so that only the filtered rows are terminated (a WHERE clause may call it first).
                    "SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database) AS terminated", admin);
                terminate.Parameters.AddWithValue("database", ResourceNames.ShopDatabase);
                terminated += (int)(await terminate.ExecuteScalarAsync())!;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        var failed = answers.Where(status => status != HttpStatusCode.OK).GroupBy(status => status).ToDictionary(group => group.Key, group => group.Count());
        output.WriteLine($"{answers.Count} reads, {terminated} backends terminated, failed: {string.Join(", ", failed.Select(entry => $"{(int)entry.Key} x {entry.Value}"))}");
        Assert.True(terminated >= Terminations, $"Only {terminated} backends were terminated.");
        Assert.True(answers.Count > 100, $"Only {answers.Count} reads.");
        // A failed read says why before the test fails: its server span, with the exception and any retry.
        foreach (var traceId in failedTraces)
        {
            var spans = await fixture.Telemetry.WaitForTraceAsync(traceId, found => found.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)));
            var failure = spans.Single(span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
            output.WriteLine($"{failure} error.type={failure.Attribute("error.type")} events: {string.Join("; ", failure.Events.Select(e => $"{e.Name} {string.Join(", ", e.Attributes.Select(a => $"{a.Key}={a.Value}"))}"))}");
        }

        Assert.Empty(failed);

        var retried = await Eventually.MatchesAsync(
            async () => (await fixture.Telemetry.GetServiceSpansAsync(ResourceNames.ShopApi, since))
                .Where(span => span.Kind == SpanKind.Server && span.Events.Any(activityEvent => activityEvent.Name == ReadRetryEndpointFilter.RetryEvent))
                .ToList(),
            spans => spans.Count > 0, "a server span with the retry event");
        Assert.All(retried, span => Assert.Equal("200", span.Attribute("http.response.status_code")));
        output.WriteLine($"{retried.Count} reads retried");
    }
}
