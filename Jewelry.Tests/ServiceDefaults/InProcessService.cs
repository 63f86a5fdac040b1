using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Jewelry.Tests.ServiceDefaults;

/// <summary>
/// A service with the real ServiceDefaults on an in-memory server, its spans collected by OpenTelemetry's
/// in-memory exporter after every processor (so redaction has run): the enrichers tested without the whole system.
/// </summary>
internal sealed class InProcessService : IAsyncDisposable
{
    private readonly ExportedSpans _exported;

    private InProcessService(WebApplication app, ExportedSpans exported) => (App, _exported) = (app, exported);

    public WebApplication App { get; }

    public HttpClient Client => App.GetTestClient();

    public static async Task<InProcessService> StartAsync(
        Action<WebApplication> mapEndpoints, Action<WebApplicationBuilder>? configure = null, string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["Authentication:Jwt:SigningKey"] = new string('k', 64);
        // Before the defaults, which read some settings (the OTLP endpoint, the tracing profile) as they register.
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        // After the defaults, so what a test adds (a capturing processor) runs after theirs; options bind lazily.
        configure?.Invoke(builder);

        var exported = new ExportedSpans();
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        mapEndpoints(app);
        await app.StartAsync();

        return new InProcessService(app, exported);
    }

    /// <summary>The server span of the request that carried <paramref name="traceId"/>, once it has ended.</summary>
    public async Task<Activity> ServerSpanAsync(ActivityTraceId traceId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_exported.Snapshot().FirstOrDefault(activity => activity.TraceId == traceId && activity.Kind == ActivityKind.Server) is { } span)
            {
                return span;
            }

            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>A request in a trace of its own, so its span can be found.</summary>
    public static (HttpRequestMessage Request, ActivityTraceId TraceId) TracedRequest(HttpMethod method, string path, HttpContent? content = null)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (request, traceId);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>The exporter adds from the request's thread while the test reads: every access under one lock.</summary>
internal sealed class ExportedSpans : System.Collections.ObjectModel.Collection<Activity>
{
    public Activity[] Snapshot()
    {
        lock (Items)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (Items)
        {
            base.InsertItem(index, item);
        }
    }
}
