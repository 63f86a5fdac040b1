using System.Net.Http.Json;
using System.Text.Json;

namespace Jewelry.Tests.Telemetry;

/// <summary>
/// Reads traces back from the real Aspire dashboard through its telemetry HTTP API. Spans reach the dashboard
/// a moment after the response (the services batch exports every second), so tests wait for the spans they
/// need with a deadline instead of sleeping.
/// </summary>
public sealed class DashboardTelemetryClient(HttpClient dashboard)
{
    public const string ApiKeyHeader = "x-api-key";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<TelemetrySpan>> GetSpansAsync(string traceId, CancellationToken cancellationToken = default)
    {
        var json = await dashboard.GetFromJsonAsync<JsonElement>(
            $"api/telemetry/spans?traceId={Uri.EscapeDataString(traceId)}&limit=1000", cancellationToken);
        return OtlpJsonSpans.Parse(json);
    }

    /// <summary>
    /// The spans of <paramref name="serviceName"/> that started after <paramref name="since"/>, of every instance (a
    /// service restarted within the run is a second one), by service name rather than the dashboard's resource filter.
    /// </summary>
    public async Task<IReadOnlyList<TelemetrySpan>> GetServiceSpansAsync(string serviceName, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var json = await dashboard.GetFromJsonAsync<JsonElement>("api/telemetry/spans?limit=100000", cancellationToken);
        return OtlpJsonSpans.Parse(json).Where(span => span.ServiceName == serviceName && span.StartTime >= since).ToList();
    }

    /// <summary>
    /// Every text of the trace's log records, decoded: bodies and attribute values (not ids or timestamps), for
    /// checks that something appears nowhere in the logs.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetLogTextsAsync(string traceId, CancellationToken cancellationToken = default)
    {
        var json = await dashboard.GetFromJsonAsync<JsonElement>(
            $"api/telemetry/logs?traceId={Uri.EscapeDataString(traceId)}&limit=1000", cancellationToken);
        return OtlpJsonLogs.Texts(json);
    }

    /// <summary>
    /// Polls the trace until <paramref name="isComplete"/> accepts its spans, and returns them. On time-out it
    /// fails with every span it did see, which is usually all one needs to know what went wrong.
    /// </summary>
    public async Task<IReadOnlyList<TelemetrySpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<TelemetrySpan>, bool> isComplete, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        IReadOnlyList<TelemetrySpan> spans = [];

        while (!deadline.IsCancellationRequested)
        {
            try
            {
                spans = await GetSpansAsync(traceId, deadline.Token);
                if (isComplete(spans))
                {
                    return spans;
                }

                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                break;
            }
        }

        throw new TimeoutException(
            $"Trace {traceId} was not complete after {(timeout ?? DefaultTimeout).TotalSeconds:0} s. It had {spans.Count} span(s):" +
            string.Concat(spans.Select(span => $"{Environment.NewLine}  {span}")));
    }
}
