using Jewelry.ServiceDefaults.Http;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Jewelry service shares: telemetry, health checks, service discovery, resilient HTTP clients,
/// ProblemDetails and OpenAPI. A service calls <see cref="AddServiceDefaults{TBuilder}"/> and
/// <see cref="MapDefaultEndpoints"/> and gets all of it with no code of its own.
/// </summary>
public static partial class Extensions
{
    internal const string HealthEndpointPath = "/health";
    internal const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddDefaultProblemDetails();
        builder.AddDefaultOpenApi();
        builder.AddDefaultAuthentication();
        builder.AddTrustedProxies();
        builder.AddFaultInjection();

        // Each client span can then tell which timeout fired, with its limit, and which retry it is.
        builder.Services.PostConfigureAll<HttpStandardResilienceOptions>(OutgoingCallTimeouts.Track);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Every outgoing call gets timeouts, retries and a circuit breaker; each retry is its own client span.
            http.AddStandardResilienceHandler();
            http.AddHttpMessageHandler(() => new AttemptTracingHandler());
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // "live" only says the process answers; readiness (/health) also covers the database and the broker,
        // whose checks the Aspire client integrations register.
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // First: later middleware and the spans see the real client only after the forwarded headers are applied.
        app.UseTrustedForwardedHeaders();
        app.UseTraceIdResponseHeader();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestCharsetValidation();
        if (app.Configuration.GetTracingProfile(app.Environment) == TracingProfile.Full)
        {
            // Inside the exception handler, so a body that cannot be read is answered as ProblemDetails too.
            app.UseMiddleware<RequestInputTracingMiddleware>();
        }

        app.UseFaultInjection();
        app.MapDefaultOpenApi();
        app.MapDevelopmentTokenEndpoint();

        // Health endpoints are for the orchestrator on the private network, never for the public.
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
        });

        return app;
    }
}
