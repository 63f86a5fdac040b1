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
    ulong EndTimeUnixNano,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<TelemetryEvent> Events)
{
    /// <summary>The process that made the span (resource attribute <c>service.instance.id</c>): which replica, with several.</summary>
    public string? ServiceInstanceId { get; init; }

    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);

    /// <summary>The span selector of the trace tests: whether this is a span of <paramref name="kind"/> in <paramref name="service"/>.</summary>
    public bool Is(string service, SpanKind kind) => ServiceName == service && Kind == kind;

    public DateTimeOffset StartTime => DateTimeOffset.UnixEpoch.AddTicks((long)(StartTimeUnixNano / 100));

    public TimeSpan Duration => TimeSpan.FromTicks((long)(EndTimeUnixNano - StartTimeUnixNano) / 100);

    /// <summary>Every text the span carries (attribute and event values), for "appears nowhere" assertions.</summary>
    public IEnumerable<string> AllValues =>
        Attributes.Values.Concat(Events.SelectMany(activityEvent => activityEvent.Attributes.Values));

    public override string ToString() =>
        $"{ServiceName} {Kind} '{Name}' ({ScopeName}) [{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}]";
}

/// <summary>One span event (such as <c>exception</c>) with its attributes.</summary>
public sealed record TelemetryEvent(string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public string? Attribute(string key) => Attributes.GetValueOrDefault(key);
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
