using System.Diagnostics;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Jewelry.ServiceDefaults.Redaction;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Jewelry.Benchmarks;

/// <summary>
/// The cost per request of what Jewelry adds to a server span (peer and client address, user, route values,
/// query and JSON body fields, outcome, order id from baggage, redaction of every attribute) against the same
/// request with stock ASP.NET Core instrumentation only. The request is a write like placing an order: a signed-in
/// user, a route value, an e-mail in the query string and a JSON body with a password field, so the input capture
/// and the redactor have real work to do; nothing is exported, so only the span work is measured.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 5, iterationCount: 40)]
public class ServerSpanEnrichmentBenchmarks
{
    private const string Path = "/api/orders/01a212b0-2bff-7434-859d-415c85f4dec2/lines?channel=web&email=anna.ivanova%40example.com";

    private const string Body =
        "{\"items\":[{\"catalogItemId\":4,\"quantity\":1},{\"catalogItemId\":11,\"quantity\":2}]," +
        "\"customPiece\":{\"modelId\":\"0193a3c2-7d4e-7b1a-9c2f-4e5d6a7b8c9d\",\"material\":\"gold-750\",\"ringSizeMm\":17.5}," +
        "\"password\":\"hunter2\"}";

    private WebApplication _stock = null!;
    private WebApplication _jewelry = null!;
    private HttpClient _stockClient = null!;
    private HttpClient _jewelryClient = null!;

    [GlobalSetup]
    public async Task StartHostsAsync()
    {
        _stock = await StartAsync(enriched: false);
        _jewelry = await StartAsync(enriched: true);
        _stockClient = _stock.GetTestClient();
        _jewelryClient = _jewelry.GetTestClient();
    }

    [GlobalCleanup]
    public async Task StopHostsAsync()
    {
        _stockClient.Dispose();
        _jewelryClient.Dispose();
        await _stock.DisposeAsync();
        await _jewelry.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<string> StockInstrumentation() => SendAsync(_stockClient);

    [Benchmark]
    public Task<string> JewelryEnrichment() => SendAsync(_jewelryClient);

    /// <summary>Prints the server span each host produces for the benchmarked request, to see what is measured.</summary>
    public static async Task PrintSpansAsync()
    {
        foreach (var enriched in new[] { false, true })
        {
            Activity? captured = null;
            await using var app = await StartAsync(enriched, activity => captured = activity);
            using var client = app.GetTestClient();
            await SendAsync(client);
            // The span ends just after the response is handed over.
            for (var wait = 0; captured is null && wait < 100; wait++)
            {
                await Task.Delay(10);
            }

            Console.WriteLine($"{(enriched ? "Jewelry" : "Stock")}: {captured?.DisplayName}");
            foreach (var tag in captured?.TagObjects ?? [])
            {
                Console.WriteLine($"  {tag.Key} = {(tag.Value is string[] items ? string.Join(",", items) : tag.Value)}");
            }
        }
    }

    private static async Task<string> SendAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("baggage", "jewelry.order.id=01a212b0-2bff-7434-859d-415c85f4dec2");
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<WebApplication> StartAsync(bool enriched, Action<Activity>? onEnd = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // As under Aspire in development: the stock instrumentation shows query values, which leaves the redactor real work.
        builder.Configuration["OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION"] = "true";
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddAspNetCoreInstrumentation(options =>
            {
                if (enriched)
                {
                    options.EnrichWithHttpRequest = ServerSpanEnrichment.OnRequest;
                    options.EnrichWithHttpResponse = ServerSpanEnrichment.OnResponse;
                }
            });

            if (enriched)
            {
                tracing.AddProcessor(new OrderIdFromBaggageProcessor())
                    .AddProcessor(new RedactingProcessor(new SensitiveDataRedactor(Options.Create(new RedactionOptions()))));
            }

            if (onEnd is not null)
            {
                tracing.AddProcessor(new CallbackProcessor(onEnd));
            }
        });

        var app = builder.Build();
        var customer = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "01a212b0-2bff-7434-859d-415c85f4dec2"), new Claim("role", "customer")], "Bearer", "sub", "role"));
        app.Use((context, next) =>
        {
            context.User = customer;
            return next(context);
        });
        if (enriched)
        {
            app.UseMiddleware<RequestInputTracingMiddleware>();
        }

        // The endpoint reads the body, as a real one does, so buffering it for the span is part of the cost.
        app.MapPost("/api/orders/{orderId:guid}/lines", (Guid orderId, System.Text.Json.JsonElement order) => orderId.ToString());
        await app.StartAsync();
        return app;
    }
}

/// <summary>Hands each ended span to a callback (for <c>--print-spans</c>).</summary>
internal sealed class CallbackProcessor(Action<Activity> onEnd) : OpenTelemetry.BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity) => onEnd(activity);
}
