using System.Text.Json;

namespace Jewelry.Tests.Telemetry;

/// <summary>
/// Reads OTLP-JSON spans into flat spans: the dashboard's /api/telemetry/spans answer, or Jaeger's /api/v3 one
/// (which may write ids in base64 and kinds and status codes by their enum names).
/// </summary>
public static class OtlpJsonSpans
{
    public static IReadOnlyList<TelemetrySpan> Parse(JsonElement response) =>
        response.TryGetProperty("data", out var data) && data.TryGetProperty("resourceSpans", out var resourceSpans)
            ? ParseResourceSpans(resourceSpans)
            : [];

    public static IReadOnlyList<TelemetrySpan> ParseResourceSpans(JsonElement resourceSpans)
    {
        var spans = new List<TelemetrySpan>();
        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var resourceAttributes = ReadAttributes(resourceSpan.GetProperty("resource"));
            var serviceName = resourceAttributes.GetValueOrDefault("service.name", "");
            var serviceInstanceId = resourceAttributes.GetValueOrDefault("service.instance.id");

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
                        HexId(span.GetProperty("traceId").GetString()!),
                        HexId(span.GetProperty("spanId").GetString()!),
                        span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() is { Length: > 0 } parentId ? HexId(parentId) : null,
                        span.GetProperty("name").GetString()!,
                        span.TryGetProperty("kind", out var kind) ? Enum<SpanKind>(kind, "SPAN_KIND_") : SpanKind.Unspecified,
                        ReadStatus(span),
                        ReadTime(span, "startTimeUnixNano"),
                        ReadTime(span, "endTimeUnixNano"),
                        ReadAttributes(span),
                        ReadEvents(span)) { ServiceInstanceId = serviceInstanceId });
                }
            }
        }

        return spans;
    }

    // OTLP JSON writes 64-bit integers as strings; accept a number too.
    private static ulong ReadTime(JsonElement span, string property) =>
        !span.TryGetProperty(property, out var time) ? 0
        : time.ValueKind == JsonValueKind.String ? ulong.Parse(time.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : time.GetUInt64();

    private static SpanStatusCode ReadStatus(JsonElement span) =>
        span.TryGetProperty("status", out var status) && status.TryGetProperty("code", out var code)
            ? Enum<SpanStatusCode>(code, "STATUS_CODE_")
            : SpanStatusCode.Unset;

    /// <summary>An OTLP enum written as its number (1) or its protobuf name (<c>SPAN_KIND_INTERNAL</c>).</summary>
    private static T Enum<T>(JsonElement value, string prefix) where T : struct, Enum =>
        value.ValueKind == JsonValueKind.Number
            ? (T)(object)value.GetInt32()
            : System.Enum.Parse<T>(value.GetString()![prefix.Length..].Replace("_", ""), ignoreCase: true);

    /// <summary>Trace and span ids as lower-case hex, whether written as hex (OTLP JSON) or base64 (protobuf JSON).</summary>
    private static string HexId(string id) =>
        id.Length is 32 or 16 && id.All(Uri.IsHexDigit) ? id.ToLowerInvariant() : Convert.ToHexStringLower(Convert.FromBase64String(id));

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
