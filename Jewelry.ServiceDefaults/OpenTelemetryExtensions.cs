using Jewelry.ServiceDefaults.FaultInjection;
using Jewelry.ServiceDefaults.Redaction;
using Jewelry.ServiceDefaults.TelemetryExport;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
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
        var profile = builder.Configuration.GetTracingProfile(builder.Environment);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                // The SDK's own counts of spans and log records handed to exporters, and dropped (error.type=queue_full).
                .AddMeter(TelemetryLossMonitor.SdkMeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Npgsql, RabbitMQ and the messaging plumbing add their own sources where a service uses them.
                .AddSource(FaultTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    // Probes from the orchestrator would drown the traces people actually look for.
                    options.Filter = context => !IsHealthProbe(context.Request.Path);
                    if (profile == TracingProfile.Full)
                    {
                        options.EnrichWithHttpRequest = ServerSpanEnrichment.OnRequest;
                        options.EnrichWithHttpResponse = ServerSpanEnrichment.OnResponse;
                    }

                    // ExceptionTracingHandler records every exception that reaches the exception handler.
                    options.RecordException = false;
                })
                .AddHttpClientInstrumentation(options => options.RecordException = true));

        builder.Services.AddHostedService<TelemetryLossMonitor>();
        if (profile == TracingProfile.Full)
        {
            builder.AddJewelryTracing();
        }

        builder.AddOpenTelemetryExporters(profile);

        return builder;
    }

    /// <summary>What Jewelry adds to stock instrumentation: span enrichers and redaction of spans and logs.</summary>
    private static void AddJewelryTracing<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<RedactionOptions>().BindConfiguration(RedactionOptions.SectionName);
        builder.Services.AddSingleton<SensitiveDataRedactor>();
        builder.Services.AddHostedService<ExceptionEventRedaction>();

        builder.Services.AddOpenTelemetry()
            // Logs get the spans' redaction rules too: exception messages and formatted messages quote values.
            .WithLogging(logging => logging.AddProcessor(services => new RedactingLogProcessor(services.GetRequiredService<SensitiveDataRedactor>())))
            .WithTracing(tracing => tracing
                .AddProcessor(new OrderIdFromBaggageProcessor())
                .AddProcessor(new DependencySpanProcessor())
                // Last before the export lanes, which AddOpenTelemetryExporters adds after these processors.
                .AddProcessor(services => new RedactingProcessor(services.GetRequiredService<SensitiveDataRedactor>())));
    }

    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(30);

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath) || path.StartsWithSegments(AlivenessEndpointPath);

    private static void AddOpenTelemetryExporters<TBuilder>(this TBuilder builder, TracingProfile profile) where TBuilder : IHostApplicationBuilder
    {
        // Without an endpoint (a bare `dotnet run` of one service) there is nowhere to send telemetry.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        // The exporters get an HttpClient of their own, not one from IHttpClientFactory: ConfigureHttpClientDefaults
        // would put them behind the standard resilience pipeline, whose exceptions (an open circuit, a Polly timeout)
        // the exporter does not expect, so it drops the batch without a word (opentelemetry-dotnet#7299); every
        // export would also be logged and retried twice over. The exporter retries transient failures itself.
        var timeoutConfigured = builder.Configuration["OTEL_EXPORTER_OTLP_TIMEOUT"] is not null;
        builder.Services.ConfigureAll<OtlpExporterOptions>(exporter =>
        {
            // A receiver that falls behind answers late but does answer: giving up after the SDK's 10 s wastes the work it
            // has done and sends the batch again (OTEL_EXPORTER_OTLP_TIMEOUT still decides where it is set).
            if (!timeoutConfigured)
            {
                exporter.TimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
            }

            exporter.HttpClientFactory = () => new HttpClient { Timeout = TimeSpan.FromMilliseconds(exporter.TimeoutMilliseconds) };
        });

        if (profile == TracingProfile.Stock)
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            return;
        }

        builder.Services.AddOptions<SpanExportOptions>().BindConfiguration(SpanExportOptions.SectionName);
        builder.Services.AddOpenTelemetry()
            .WithLogging(logging => logging.AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddOtlpExporter())
            .WithTracing(tracing => tracing.AddProcessor(services =>
            {
                // The same endpoint, protocol and headers as the logs' and metrics' exporters (OTEL_EXPORTER_OTLP_*).
                var exporter = services.GetRequiredService<IOptionsMonitor<OtlpExporterOptions>>().Get(Microsoft.Extensions.Options.Options.DefaultName);
                return new SpanExportLanes(
                    () => new OtlpTraceExporter(exporter),
                    services.GetRequiredService<IOptions<SpanExportOptions>>().Value,
                    new BatchExportActivityProcessorOptions());
            }));
    }
}
