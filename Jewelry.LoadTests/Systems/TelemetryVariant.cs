namespace Jewelry.LoadTests.Systems;

/// <summary>The three builds of the same services that run side by side, each a whole Jewelry system of its own.</summary>
public enum TelemetryVariant
{
    /// <summary>No telemetry at all (<c>OTEL_SDK_DISABLED=true</c>): the baseline every ratio is taken against.</summary>
    Off,

    /// <summary>Stock instrumentation and OTLP export only (<c>Tracing:Profile=Stock</c>), as the Aspire template gives.</summary>
    Stock,

    /// <summary>Everything on: the product as it ships.</summary>
    Full,
}

internal static class TelemetryVariants
{
    public static IReadOnlyList<TelemetryVariant> All { get; } = [TelemetryVariant.Off, TelemetryVariant.Stock, TelemetryVariant.Full];

    public static string Label(this TelemetryVariant variant) => variant.ToString().ToLowerInvariant();

    /// <summary>Whether the variant's services send the receiver anything: the off variant's SDK is disabled.</summary>
    public static bool ExportsTelemetry(this TelemetryVariant variant) => variant != TelemetryVariant.Off;

    /// <summary>The AppHost's own services are the full variant; the others are added beside them with a suffix.</summary>
    public static string ResourceSuffix(this TelemetryVariant variant) => variant == TelemetryVariant.Full ? "" : "-" + variant.Label();

    public static IReadOnlyDictionary<string, string> ServiceEnvironment(this TelemetryVariant variant) => variant switch
    {
        TelemetryVariant.Off => new Dictionary<string, string> { ["OTEL_SDK_DISABLED"] = "true" },
        TelemetryVariant.Stock => new Dictionary<string, string> { ["Tracing__Profile"] = "Stock" },
        _ => new Dictionary<string, string>(),
    };
}
