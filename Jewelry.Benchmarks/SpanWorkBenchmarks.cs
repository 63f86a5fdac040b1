using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Jewelry.ServiceDefaults.Redaction;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Jewelry.Benchmarks;

/// <summary>
/// The enrichers and processors alone, on one server span with the tags stock instrumentation sets, without the
/// HTTP pipeline around them (whose noise hides them in <see cref="ServerSpanEnrichmentBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class SpanWorkBenchmarks
{
    private readonly DefaultHttpContext _context = CreateContext();
    private readonly OrderIdFromBaggageProcessor _orderId = new();
    private readonly RedactingProcessor _redaction = new(new SensitiveDataRedactor(Options.Create(new RedactionOptions())));

    [Benchmark(Baseline = true)]
    public Activity StockSpan()
    {
        using var activity = CreateStockSpan();
        activity.Stop();
        return activity;
    }

    [Benchmark]
    public Activity JewelrySpan()
    {
        using var activity = CreateStockSpan();
        _orderId.OnStart(activity);
        ServerSpanEnrichment.OnRequest(activity, _context.Request);
        ServerSpanEnrichment.OnResponse(activity, _context.Response);
        activity.Stop();
        _redaction.OnEnd(activity);
        return activity;
    }

    private static Activity CreateStockSpan()
    {
        var activity = new Activity("GET /api/catalog/items");
        activity.AddBaggage("jewelry.order.id", "01a212b0-2bff-7434-859d-415c85f4dec2");
        activity.Start();
        activity.SetTag("http.request.method", "GET");
        activity.SetTag("server.address", "localhost");
        activity.SetTag("server.port", 5101);
        activity.SetTag("url.scheme", "http");
        activity.SetTag("url.path", "/api/catalog/items");
        activity.SetTag("url.query", "?category=ring&search=anna.ivanova%40example.com&page=2");
        activity.SetTag("network.protocol.version", "1.1");
        activity.SetTag("http.route", "/api/catalog/items");
        activity.SetTag("http.response.status_code", 200);
        return activity;
    }

    private static DefaultHttpContext CreateContext()
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("localhost", 5101);
        context.Request.QueryString = new QueryString("?category=ring&search=anna.ivanova%40example.com&page=2");
        context.Request.RouteValues["id"] = "7";
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Connection.RemotePort = 51234;
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "01a212b0-2bff-7434-859d-415c85f4dec2"), new Claim("role", "customer")], "Bearer", "sub", "role"));
        return context;
    }
}
