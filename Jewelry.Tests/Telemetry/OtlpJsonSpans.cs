using System.Text.Json;

namespace Jewelry.Tests.Telemetry;

/// <summary>Reads the OTLP-JSON the dashboard's /api/telemetry/spans answers into flat spans.</summary>
public static class OtlpJsonSpans
{
    public static IReadOnlyList<TelemetrySpan> Parse(JsonElement response)
    {
        var spans = new List<TelemetrySpan>();
        if (!response.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return spans;
        }

        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var resourceAttributes = ReadAttributes(resourceSpan.GetProperty("resource"));
            var serviceName = resourceAttributes.GetValueOrDefault("service.name", "");

            foreach (var scopeSpan in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scopeSpan.TryGetProperty("scope", out var scope) && scope.TryGetProperty("name", out var name)
                    ? name.GetString() ?? ""
                    : "";

                foreach (var span in scopeSpan.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new TelemetrySpan(
                        serviceName,
                        scopeName,
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } parentId ? parentId : null,
                        span.GetProperty("name").GetString()!,
                        span.TryGetProperty("kind", out var kind) ? (SpanKind)kind.GetInt32() : SpanKind.Unspecified,
                        ReadStatus(span),
                        ReadStartTime(span),
                        ReadAttributes(span),
                        ReadEvents(span)));
                }
            }
        }

        return spans;
    }

    // OTLP JSON writes 64-bit integers as strings; accept a number too.
    private static ulong ReadStartTime(JsonElement span) =>
        !span.TryGetProperty("startTimeUnixNano", out var start) ? 0
        : start.ValueKind == JsonValueKind.String ? ulong.Parse(start.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : start.GetUInt64();

    private static SpanStatusCode ReadStatus(JsonElement span) =>
        span.TryGetProperty("status", out var status) && status.TryGetProperty("code", out var code)
            ? (SpanStatusCode)code.GetInt32()
            : SpanStatusCode.Unset;

    private static List<TelemetryEvent> ReadEvents(JsonElement span) =>
        span.TryGetProperty("events", out var events)
            ? [.. events.EnumerateArray().Select(item => new TelemetryEvent(item.GetProperty("name").GetString()!, ReadAttributes(item)))]
            : [];

    internal static Dictionary<string, string> ReadAttributes(JsonElement element)
    {
        var attributes = new Dictionary<string, string>();
        if (!element.TryGetProperty("attributes", out var list))
        {
            return attributes;
        }

        foreach (var attribute in list.EnumerateArray())
        {
            var value = attribute.GetProperty("value");
            attributes[attribute.GetProperty("key").GetString()!] = ReadValue(value);
        }

        return attributes;
    }

    /// <summary>
    /// An OTLP AnyValue as text: an array (such as <c>user.roles</c>) becomes its items joined by commas, a key-value
    /// list its <c>key=value</c> pairs, every string decoded.
    /// </summary>
    internal static string ReadValue(JsonElement value)
    {
        var (kind, content) = value.EnumerateObject().Select(property => (property.Name, property.Value)).FirstOrDefault();
        return kind switch
        {
            "arrayValue" => string.Join(',', content.TryGetProperty("values", out var values)
                ? values.EnumerateArray().Select(ReadValue)
                : []),
            "kvlistValue" => string.Join(',', content.TryGetProperty("values", out var pairs)
                ? pairs.EnumerateArray().Select(pair => $"{pair.GetProperty("key").GetString()}={ReadValue(pair.GetProperty("value"))}")
                : []),
            _ when content.ValueKind == JsonValueKind.String => content.GetString()!,
            _ => content.ToString(),
        };
    }
}
