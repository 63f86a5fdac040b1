namespace Jewelry.Data;

/// <summary>
/// A gauge whose value is read from the service's database: <paramref name="Query"/> returns one number (or NULL,
/// read as 0). <paramref name="Name"/> and <paramref name="Unit"/> follow the OpenTelemetry conventions
/// (<c>jewelry.outbox.pending</c>, <c>{message}</c>; <c>s</c> for ages).
/// </summary>
public sealed record DatabaseGauge(string Name, string Unit, string Description, string Query, object? Parameters = null);
