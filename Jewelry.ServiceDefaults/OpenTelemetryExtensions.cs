using Jewelry.ServiceDefaults.Redaction;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Traces, metrics and logs for one service, exported over OTLP to wherever the AppHost points
    /// OTEL_EXPORTER_OTLP_ENDPOINT (the Aspire dashboard, or the collector in Containers mode).
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOptions<RedactionOptions>().BindConfiguration(RedactionOptions.SectionName);
        builder.Services.AddSingleton<SensitiveDataRedactor>();
        builder.Services.AddHostedService<ExceptionEventRedaction>();

        builder.Services.AddOpenTelemetry()
            // Logs get the spans' redaction rules too: exception messages and formatted messages quote values.
            .WithLogging(logging => logging.AddProcessor(services => new RedactingLogProcessor(services.GetRequiredService<SensitiveDataRedactor>())))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TracingSources.Dependencies)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes from the orchestrator would drown the traces people actually look for.
                    options.Filter = context => !IsHealthProbe(context.Request.Path);
                    options.EnrichWithHttpRequest = ServerSpanEnrichment.OnRequest;
                    options.EnrichWithHttpResponse = ServerSpanEnrichment.OnResponse;
                    // ExceptionTracingHandler records every exception that reaches the exception handler.
                    options.RecordException = false;
                })
                .AddHttpClientInstrumentation(options => options.RecordException = true)
                .AddProcessor(new OrderIdFromBaggageProcessor())
                .AddProcessor(new DependencySpanProcessor())
                // Last before the exporter, which UseOtlpExporter adds after these processors.
                .AddProcessor(services => new RedactingProcessor(services.GetRequiredService<SensitiveDataRedactor>())));

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Without an endpoint (a bare `dotnet run` of one service) there is nowhere to send telemetry.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
