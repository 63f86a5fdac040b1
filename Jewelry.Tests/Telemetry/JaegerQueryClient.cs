using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jewelry.Tests.Telemetry;

/// <summary>
/// Reads traces back from Jaeger through its query API v3 (<c>/api/v3/...</c>), the way operations tooling does.
/// Jaeger keeps a trace only after the collector's tail sampling decided (seconds after its first span), so tests
/// wait with a deadline.
/// </summary>
public sealed class JaegerQueryClient(HttpClient jaeger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<IReadOnlyList<string>> GetServicesAsync()
    {
        var json = await jaeger.GetFromJsonAsync<JsonElement>("api/v3/services");
        return [.. json.GetProperty("services").EnumerateArray().Select(service => service.GetString()!)];
    }

    /// <summary>The trace's spans, or none while Jaeger does not have it (404).</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> GetTraceAsync(string traceId)
    {
        using var response = await jaeger.GetAsync($"api/v3/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        return ParseTraces(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>The ids of the traces of <paramref name="service"/> with a span carrying every one of <paramref name="attributes"/>.</summary>
    public async Task<IReadOnlySet<string>> FindTraceIdsAsync(
        string service, IReadOnlyDictionary<string, string> attributes, DateTimeOffset since)
    {
        var query = new Dictionary<string, string>
        {
            ["query.service_name"] = service,
            ["query.attributes"] = JsonSerializer.Serialize(attributes),
            ["query.start_time_min"] = since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["query.start_time_max"] = DateTimeOffset.UtcNow.AddMinutes(1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["query.num_traces"] = "100",
        };
        using var response = await jaeger.GetAsync($"api/v3/traces?{string.Join('&', query.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"))}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new HashSet<string>();
        }

        response.EnsureSuccessStatusCode();
        return ParseTraces(await response.Content.ReadFromJsonAsync<JsonElement>()).Select(span => span.TraceId).ToHashSet();
    }

    /// <summary>Polls the trace until <paramref name="isComplete"/> accepts its spans; on time-out fails with what it saw.</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<TelemetrySpan>, bool> isComplete, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<TelemetrySpan> spans = [];
        while (DateTime.UtcNow < deadline)
        {
            spans = await GetTraceAsync(traceId);
            if (isComplete(spans))
            {
                return spans;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException(
            $"Jaeger's trace {traceId} was not complete after {timeout.TotalSeconds:0} s. It had {spans.Count} span(s):" +
            string.Concat(spans.Select(span => $"{Environment.NewLine}  {span}")));
    }

    // Jaeger wraps the OTLP TracesData in "result" (grpc-gateway style); older versions answer it bare.
    private static IReadOnlyList<TelemetrySpan> ParseTraces(JsonElement json)
    {
        var traces = json.TryGetProperty("result", out var result) ? result : json;
        return traces.TryGetProperty("resourceSpans", out var resourceSpans) ? OtlpJsonSpans.ParseResourceSpans(resourceSpans) : [];
    }
}
