using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Jewelry.AppHost;
using Jewelry.AppHost.LocalProcesses;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using Npgsql;

namespace Jewelry.Tests.Scale;

/// <summary>
/// A PostgreSQL primary with a synchronous standby. The primary dies (an immediate shutdown, as a crash) while every
/// service reads and writes; a few seconds later the standby is promoted. Until then writes are told to come back
/// (503, Retry-After), after it every service reads and writes again within 15 s, without a restart, and nothing a
/// user was told had been saved is missing.
/// </summary>
[Collection(ScaledOutJewelryApp.Name)]
[RunsLastInItsCollection]
public sealed class PostgresStandbyTests(ScaledOutAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ServeAgainWithin = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BeforeTheCrash = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan WithoutPrimary = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BetweenRequests = TimeSpan.FromMilliseconds(100);
    private static readonly bool[] WritesAndReads = [true, false];

    private sealed record Answer(string Service, bool IsWrite, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, HttpStatusCode Status, TimeSpan? RetryAfter, string TraceId, Uri? Created);

    /// <summary>One service as its users load it: a write that creates something (read back later) and a read.</summary>
    private sealed record Load(string Service, HttpClient Writer, Func<HttpContent> NewThing, string WritePath, HttpClient Reader, string ReadPath);

    [Fact]
    public async Task Killing_the_primary_under_load_then_promoting_the_standby_loses_nothing_acknowledged_and_every_service_serves_again_within_15_s()
    {
        var primaryServer = $"{await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres)};Database=postgres";
        var standbyServer = $"{await fixture.App.GetConnectionStringAsync(ResourceNames.PostgresStandby)};Database=postgres";
        await using (var primary = new NpgsqlConnection(primaryServer))
        {
            Assert.Equal(("streaming", "sync"), await primary.QuerySingleAsync<(string, string)>("SELECT state, sync_state FROM pg_stat_replication"));
        }

        await using (var standby = new NpgsqlConnection(standbyServer))
        {
            Assert.True(await standby.ExecuteScalarAsync<bool>("SELECT pg_is_in_recovery()"));
        }

        await using var partnerReceiver = await PartnerCallbackReceiver.StartAsync();
        var scenario = new OrderScenario(fixture);
        using var customer = await scenario.ShopAsAsync(await scenario.RegisterCustomerAsync());
        using var seller = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        using var partner = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Partner, "partner-standby");
        using var operatorClient = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-1");
        Load[] loads =
        [
            new(ResourceNames.ShopApi, customer, () => JsonContent.Create(OrderScenario.CatalogOrder), "/api/orders", customer, "/api/orders"),
            new(ResourceNames.CrmApi, seller, () => JsonContent.Create(new
            {
                fullName = "Boris Petrov",
                email = $"boris.{Guid.NewGuid():N}@example.com",
                phone = "+7 900 765-43-21",
                tier = "silver",
            }), "/api/customers", seller, "/api/customers"),
            new(ResourceNames.MesApi, partner, () => JsonContent.Create(new
            {
                externalReference = $"PO-{Guid.NewGuid():N}",
                description = "A signet ring",
                material = "gold-585",
                subtotal = 500m,
                callbackUrl = partnerReceiver.CallbackUrl,
            }), "/api/partner/orders", operatorClient, "/api/production-orders"),
        ];

        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var clients = loads.SelectMany(load => WritesAndReads.Select(isWrite => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                answers.Enqueue(await SendAsync(load, isWrite));
                await Task.Delay(BetweenRequests, CancellationToken.None);
            }
        }))).ToList();

        await Task.Delay(BeforeTheCrash);
        var primaryProcess = fixture.ProcessOf(ResourceNames.Postgres);
        var killedAt = DateTimeOffset.UtcNow;
        // SIGQUIT: PostgreSQL's immediate shutdown, which ends every backend at once with no checkpoint, as a crash does.
        await CommandLine.RunAsync("kill -QUIT", "kill", ["-QUIT", primaryProcess.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        await fixture.App.ResourceNotifications.WaitForResourceAsync(ResourceNames.Postgres,
            update => update.Snapshot.State?.Text is not (null or "Running" or "Starting"));
        var crashedAt = DateTimeOffset.UtcNow;

        await Task.Delay(WithoutPrimary);
        // The dashboard's "Promote to primary": it returns once the standby takes writes.
        var promotion = await fixture.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.PostgresStandby, StandbyPromotion.CommandName);
        Assert.True(promotion.Success, promotion.Message);

        var promotedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"Primary killed at {killedAt:HH:mm:ss.fff}, gone at {crashedAt:HH:mm:ss.fff}, standby promoted at {promotedAt:HH:mm:ss.fff}");

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ServeAgainWithin * 2 && !AllServeAgain(answers, loads, promotedAt))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        foreach (var group in answers.GroupBy(answer => (answer.Service, answer.IsWrite, Phase: Phase(answer, killedAt, crashedAt, promotedAt))).OrderBy(group => group.Key.ToString(), StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key.Service} {(group.Key.IsWrite ? "writes" : "reads")} {group.Key.Phase}: {string.Join(", ", group.GroupBy(answer => (int)answer.Status).Select(status => $"{status.Key} x {status.Count()}"))}");
        }

        // Every answer a success or a 503 with Retry-After: never a 500, never a request left without one.
        Assert.All(answers, answer => Assert.True(
            answer.Status is HttpStatusCode.OK or HttpStatusCode.Created || answer is { Status: HttpStatusCode.ServiceUnavailable, RetryAfter: not null },
            $"{answer.Service} answered {(int)answer.Status} (Retry-After {answer.RetryAfter}) at {answer.FinishedAt:HH:mm:ss.fff}"));

        // With no primary, no write succeeds anywhere (the standby takes none), and each service said so.
        foreach (var load in loads)
        {
            var withoutPrimary = answers.Where(answer => answer.Service == load.Service && answer.IsWrite && answer.StartedAt > crashedAt && answer.FinishedAt < promotedAt).ToList();
            Assert.NotEmpty(withoutPrimary);
            Assert.All(withoutPrimary, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status));
        }

        // After the promotion, every service reads and writes again within 15 s.
        foreach (var load in loads)
        {
            foreach (var isWrite in WritesAndReads)
            {
                var first = answers.Where(answer => answer.Service == load.Service && answer.IsWrite == isWrite && answer.StartedAt >= promotedAt && IsSuccess(answer))
                    .MinBy(answer => answer.FinishedAt);
                Assert.True(first is not null, $"{load.Service} never {(isWrite ? "wrote" : "read")} again after the promotion.");
                output.WriteLine($"{load.Service} {(isWrite ? "wrote" : "read")} again {(first.FinishedAt - promotedAt).TotalSeconds:0.0} s after the promotion");
                Assert.True(first.FinishedAt - promotedAt <= ServeAgainWithin, $"{load.Service} took {(first.FinishedAt - promotedAt).TotalSeconds:0.0} s.");
            }
        }

        // Nothing acknowledged is lost: each thing a user was told was created is there on the new primary.
        var acknowledged = answers.Where(answer => answer is { IsWrite: true, Status: HttpStatusCode.Created }).ToList();
        output.WriteLine($"{acknowledged.Count} writes acknowledged, {acknowledged.Count(answer => answer.FinishedAt < killedAt)} before the crash");
        Assert.Contains(acknowledged, answer => answer.FinishedAt < killedAt);
        foreach (var answer in acknowledged)
        {
            var load = loads.Single(load => load.Service == answer.Service);
            using var readBack = await load.Writer.GetAsync(answer.Created);
            Assert.True(readBack.StatusCode == HttpStatusCode.OK, $"{answer.Created} answered {(int)readBack.StatusCode} after the failover.");
        }

        // And each order the Shop acknowledged reached manufacturing and the CRM once, its outbox message included.
        await scenario.AssertEachDeliveredOnceAsync(acknowledged
            .Where(answer => answer.Service == ResourceNames.ShopApi)
            .Select(answer => Guid.Parse(answer.Created!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture)));

        // A write refused while there was no primary is traced as such.
        var refused = answers.First(answer => answer.Service == ResourceNames.ShopApi && answer.IsWrite && Phase(answer, killedAt, crashedAt, promotedAt) == "without a primary");
        var spans = await fixture.Telemetry.WaitForTraceAsync(refused.TraceId, found => found.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)));
        var server = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal(SpanStatusCode.Error, server.Status);
        Assert.Equal("503", server.Attribute("http.response.status_code"));
        Assert.StartsWith("Npgsql.", server.Attribute("error.type"), StringComparison.Ordinal);
        output.WriteLine($"A refused write's server span: {server.Attribute("http.response.status_code")}, error.type={server.Attribute("error.type")}, {server.Duration.TotalMilliseconds:0} ms");
    }

    private static async Task<Answer> SendAsync(Load load, bool isWrite)
    {
        var trace = new TestTrace();
        var startedAt = DateTimeOffset.UtcNow;
        using var request = isWrite
            ? trace.Request(HttpMethod.Post, load.WritePath, load.NewThing())
            : trace.Request(HttpMethod.Get, load.ReadPath);
        using var response = await (isWrite ? load.Writer : load.Reader).SendAsync(request);
        return new Answer(load.Service, isWrite, startedAt, DateTimeOffset.UtcNow, response.StatusCode, response.Headers.RetryAfter?.Delta,
            trace.TraceId, response.StatusCode == HttpStatusCode.Created ? response.Headers.Location : null);
    }

    private static bool IsSuccess(Answer answer) => answer.Status is HttpStatusCode.OK or HttpStatusCode.Created;

    private static bool AllServeAgain(IEnumerable<Answer> answers, IEnumerable<Load> loads, DateTimeOffset promotedAt)
    {
        var served = answers.Where(answer => answer.StartedAt >= promotedAt && IsSuccess(answer)).Select(answer => (answer.Service, answer.IsWrite)).ToHashSet();
        return loads.All(load => served.Contains((load.Service, true)) && served.Contains((load.Service, false)));
    }

    private static string Phase(Answer answer, DateTimeOffset killedAt, DateTimeOffset crashedAt, DateTimeOffset promotedAt) =>
        answer.FinishedAt < killedAt ? "before the crash"
        : answer.StartedAt > crashedAt && answer.FinishedAt < promotedAt ? "without a primary"
        : answer.StartedAt >= promotedAt ? "after the promotion"
        : "across a change";
}
