namespace Jewelry.Tests.Telemetry;

/// <summary>One span as the Aspire dashboard stores it, flattened from OTLP JSON for assertions.</summary>
public sealed record TelemetrySpan(
    string ServiceName,
    string ScopeName,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    SpanKind Kind,
    SpanStatusCode Status,
    ulong StartTimeUnixNano,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    public override string ToString() =>
        $"{ServiceName} {Kind} '{Name}' ({ScopeName}) [{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}]";
}

/// <summary>OTLP span kinds (the numbers the dashboard returns).</summary>
public enum SpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>OTLP status codes.</summary>
public enum SpanStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}
