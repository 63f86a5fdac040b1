using System.Net;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Foundation;

/// <summary>
/// One request to each service leaves a trace in the dashboard: the service's server span, a child of the
/// caller's span, with the database queries it made as its children.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ServiceTraceTests(JewelryAppFixture fixture)
{
    public static TheoryData<string, string, string, string, string, string> Requests => new()
    {
        { ResourceNames.ShopApi, Roles.Customer, "/api/catalog/items?category=ring&pageSize=5", "/api/catalog/items", ResourceNames.ShopDatabase, "FROM catalog_items" },
        { ResourceNames.CrmApi, Roles.Seller, "/api/customers?search=ivanova", "/api/customers/", ResourceNames.CrmDatabase, "FROM customers" },
        { ResourceNames.MesApi, Roles.Operator, "/api/production-orders?status=Submitted", "/api/production-orders/", ResourceNames.MesDatabase, "FROM production_orders" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_request_produces_a_server_span_and_its_database_spans_in_one_trace(
        string service, string role, string path, string route, string database, string queriedTable)
    {
        var trace = new TestTrace();
        using var client = await fixture.CreateHttpClientAsync(service, role);

        using var response = await client.SendAsync(trace.Request(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(span => span.ServiceName == service && span.Kind == SpanKind.Server) &&
            spans.Count(span => span.ServiceName == service && span.Attribute("db.query.text") is not null) >= 2);

        var server = Assert.Single(spans, span => span.ServiceName == service && span.Kind == SpanKind.Server);
        Assert.Equal(trace.ParentSpanId, server.ParentSpanId);
        Assert.Equal($"GET {route}", server.Name);
        Assert.Equal("GET", server.Attribute("http.request.method"));
        Assert.Equal(route, server.Attribute("http.route"));
        Assert.Equal("200", server.Attribute("http.response.status_code"));

        // Npgsql also traces opening a physical connection ("CONNECT"), which has no query text.
        var databaseSpans = spans.Where(span => span.ServiceName == service && span.ScopeName == "Npgsql").ToList();
        Assert.All(databaseSpans, databaseSpan =>
        {
            Assert.Equal(server.SpanId, databaseSpan.ParentSpanId);
            Assert.Equal(SpanKind.Client, databaseSpan.Kind);
            Assert.Equal("postgresql", databaseSpan.Attribute("db.system.name"));
            Assert.Equal(database, databaseSpan.Attribute("db.namespace"));
        });
        var queries = databaseSpans.Where(span => span.Attribute("db.query.text") is not null).ToList();
        Assert.Equal(2, queries.Count);
        Assert.All(queries, query => Assert.Contains(queriedTable, query.Attribute("db.query.text")));
    }

    [Theory]
    [InlineData(ResourceNames.ShopApi, Roles.Customer, "/api/catalog/items")]
    [InlineData(ResourceNames.CrmApi, Roles.Seller, "/api/customers")]
    [InlineData(ResourceNames.MesApi, Roles.Operator, "/api/production-orders")]
    public async Task The_server_span_describes_the_service_and_its_client_not_a_dependency(string service, string role, string path)
    {
        var trace = new TestTrace();
        using var client = await fixture.CreateHttpClientAsync(service, role);

        using var response = await client.SendAsync(trace.Request(HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await fixture.Telemetry.WaitForTraceAsync(trace.TraceId,
            spans => spans.Any(span => span.ServiceName == service && span.Kind == SpanKind.Server));

        var server = Assert.Single(spans, span => span.ServiceName == service && span.Kind == SpanKind.Server);
        Assert.Equal(client.BaseAddress!.Host, server.Attribute("server.address"));
        Assert.Equal(client.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), server.Attribute("server.port"));
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(server.Attribute("network.peer.address")!)),
            $"The client of the test request is on loopback, not {server.Attribute("network.peer.address")}.");
    }
}
