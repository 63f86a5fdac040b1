using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;
using Npgsql;

namespace Jewelry.Tests.Scale;

/// <summary>
/// Two processes of each API: orders go through their whole lifecycle with every message published once and handled
/// once per consumer, partners hear of each change once and in order, a model uploaded to one Shop replica is read
/// from the other, and each order's trace says which replica made each span.
/// </summary>
[Collection(ScaledOutJewelryApp.Name)]
public sealed class ServiceReplicaTests(ScaledOutAppFixture fixture)
{
    private const int Orders = 6;
    private static readonly string[] FullLifecycle = ["Submitted", "PriceCalculated", "Approved", "InProduction", "QualityCheck", "Completed"];

    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task Orders_go_through_their_lifecycle_with_each_message_published_once_and_handled_once_per_consumer()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        using var crm = await fixture.CreateHttpClientAsync(ResourceNames.CrmApi, Roles.Seller, "seller-1");
        using var mes = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Operator, "operator-7");

        var placed = new List<(Guid OrderId, TestTrace Trace)>();
        for (var i = 0; i < Orders; i++)
        {
            var trace = new TestTrace();
            using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/orders", JsonContent.Create(OrderScenario.CatalogOrder)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            placed.Add(((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid(), trace));
        }

        // Each step waits only for what it needs (a seller approves a priced order, an operator moves an approved one);
        // the three moves go back to back, so two replicas of the Shop and of the CRM handle them in any order.
        foreach (var (orderId, _) in placed)
        {
            await Eventually.MatchesAsync(() => StatusAsync(crm, $"/api/orders/{orderId}"), status => status == "PriceCalculated", "The CRM seeing the price");
            using var approved = await crm.PostAsync($"/api/orders/{orderId}/approve", null);
            Assert.Equal(HttpStatusCode.NoContent, approved.StatusCode);
            await Eventually.MatchesAsync(() => StatusAsync(mes, $"/api/production-orders/{orderId}"), status => status == "Approved", "MES seeing the approval");
            foreach (var status in new[] { "InProduction", "QualityCheck", "Completed" })
            {
                using var moved = await mes.PostAsJsonAsync($"/api/production-orders/{orderId}/status", new { status });
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            }
        }

        foreach (var (orderId, _) in placed)
        {
            foreach (var (service, client) in new[] { ("The shop", shop), ("The CRM", crm) })
            {
                var done = await Eventually.MatchesAsync(() => GetAsync(client, $"/api/orders/{orderId}"),
                    order => order.GetProperty("history").GetArrayLength() == FullLifecycle.Length, $"{service} hearing of every step");
                Assert.Equal("Completed", done.GetProperty("status").GetString());
                Assert.Equal(FullLifecycle, done.GetProperty("history").EnumerateArray().Select(change => change.GetProperty("status").GetString()));
            }
        }

        // Each placement's trace: one publish per message and one handling per consumer, whichever replica did it.
        var replicas = new Dictionary<string, HashSet<string>>();
        foreach (var service in ResourceNames.Services)
        {
            replicas[service] = (await fixture.ReplicasOfAsync(service)).Select(replica => replica.InstanceId).ToHashSet();
        }

        var instancesSeen = new HashSet<string>();
        foreach (var (_, trace) in placed)
        {
            var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
                spans.Any(span => span.Is(ResourceNames.CrmApi, SpanKind.Consumer)) && spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Consumer)));

            Assert.All(spans, span => Assert.Contains(span.ServiceInstanceId ?? "(none)", replicas[span.ServiceName]));
            instancesSeen.UnionWith(spans.Select(span => span.ServiceInstanceId!));
            var messaging = spans.Where(span => span.Kind is SpanKind.Producer or SpanKind.Consumer).ToList();
            Assert.All(messaging.GroupBy(span => (span.ServiceName, span.Kind, span.Attribute("messaging.rabbitmq.destination.routing_key"))),
                group => Assert.True(group.Count() == 1, $"{group.Count()} spans '{group.Key}' in trace {trace.TraceId}"));
            Assert.DoesNotContain(messaging, span => string.Equals(span.Attribute("jewelry.messaging.duplicate"), "true", StringComparison.OrdinalIgnoreCase));
            // order.submitted from the Shop to MES, order.price-calculated from MES to the Shop and the CRM.
            Assert.Superset(
                new HashSet<(string, SpanKind)>
                {
                    (ResourceNames.ShopApi, SpanKind.Producer), (ResourceNames.MesApi, SpanKind.Consumer), (ResourceNames.MesApi, SpanKind.Producer),
                    (ResourceNames.ShopApi, SpanKind.Consumer), (ResourceNames.CrmApi, SpanKind.Consumer),
                },
                messaging.Select(span => (span.ServiceName, span.Kind)).ToHashSet());
        }

        // The work was shared: every replica of every service made spans in these traces.
        Assert.Equal(replicas.Values.SelectMany(ids => ids).Order(), instancesSeen.Order());
    }

    [Fact]
    public async Task A_model_uploaded_to_one_shop_replica_is_read_from_the_other()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        var token = await fixture.IssueTokenAsync(ResourceNames.ShopApi, Roles.Customer, customerId.ToString());
        var shops = await fixture.ReplicasOfAsync(ResourceNames.ShopApi);
        Assert.Equal(ScaledOutAppFixture.Replicas, shops.Count);
        using var first = ReplicaClient(shops[0], token);
        using var second = ReplicaClient(shops[1], token);

        var model = await OrderScenario.UploadModelAsync(first);
        var modelId = model.GetProperty("id").GetGuid();

        using var content = await second.GetAsync($"/api/models/{modelId}/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        var bytes = await content.Content.ReadAsByteArrayAsync();
        Assert.Equal(model.GetProperty("sizeBytes").GetInt64(), bytes.LongLength);
        Assert.Equal(model.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), ignoreCase: true);
    }

    [Fact]
    public async Task A_partner_is_called_back_once_per_change_and_in_order_by_two_mes_replicas()
    {
        await using var receiver = await PartnerCallbackReceiver.StartAsync();
        using var partner = await fixture.CreateHttpClientAsync(ResourceNames.MesApi, Roles.Partner, "partner-goldsmiths");
        using var placed = await partner.PostAsJsonAsync("/api/partner/orders", new
        {
            externalReference = $"PO-{Guid.NewGuid():N}",
            description = "Six signet rings",
            material = "gold-585",
            subtotal = 1800m,
            callbackUrl = receiver.CallbackUrl,
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();

        // Moves sent to each replica in turn, as fast as they are answered.
        var mesReplicas = await fixture.ReplicasOfAsync(ResourceNames.MesApi);
        var token = await fixture.IssueTokenAsync(ResourceNames.MesApi, Roles.Operator, "operator-7");
        await Eventually.MatchesAsync(() => Task.FromResult(receiver.Accepted.Count), count => count >= 2, "Pricing and approval callbacks");
        var moves = new[] { "InProduction", "QualityCheck", "Completed" };
        for (var i = 0; i < moves.Length; i++)
        {
            using var mes = ReplicaClient(mesReplicas[i % mesReplicas.Count], token);
            using var moved = await mes.PostAsJsonAsync($"/api/production-orders/{orderId}/status", new { status = moves[i] });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        await using var database = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync(ResourceNames.MesDatabase))!);
        var deliveries = await Eventually.MatchesAsync(
            async () =>
            {
                await using var connection = await database.OpenConnectionAsync();
                return await connection.QuerySingleAsync<Deliveries>(
                    """
                    SELECT count(*) FILTER (WHERE delivered_at IS NULL) AS Pending, count(*) FILTER (WHERE attempts > 1) AS Repeated, count(*) AS Total
                    FROM partner_notifications WHERE order_id = @orderId
                    """,
                    new { orderId });
            },
            deliveries => deliveries is { Pending: 0, Total: 5 }, "Every callback delivered");

        Assert.Equal(0, deliveries.Repeated);

        Assert.Equal(["PriceCalculated", "Approved", "InProduction", "QualityCheck", "Completed"],
            receiver.Accepted.Select(callback => callback.GetProperty("status").GetString()));
    }

    private sealed record Deliveries(long Pending, long Repeated, long Total);

    private static HttpClient ReplicaClient(ServiceReplica replica, string token)
    {
        var client = new HttpClient { BaseAddress = replica.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string?> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()
            : null;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
