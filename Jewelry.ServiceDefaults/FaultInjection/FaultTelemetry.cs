using System.Diagnostics;

namespace Jewelry.ServiceDefaults.FaultInjection;

/// <summary>Injected faults are visible in the trace, so nobody mistakes them for real ones.</summary>
internal static class FaultTelemetry
{
    public const string ActivitySourceName = "Jewelry.FaultInjection";
    public const string TargetAttribute = "jewelry.fault.target";
    public const string LatencyAttribute = "jewelry.fault.latency_ms";
    public const string ErrorAttribute = "jewelry.fault.error";

    public static readonly ActivitySource Source = new(ActivitySourceName);
}
