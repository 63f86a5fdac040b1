using System.Diagnostics;

namespace Jewelry.MesApi;

/// <summary>MES's own spans (background work continuing an order's trace): named after the application, whose source ServiceDefaults traces.</summary>
internal static class MesTelemetry
{
    public static readonly ActivitySource Source = new(typeof(MesTelemetry).Assembly.GetName().Name!);
}
