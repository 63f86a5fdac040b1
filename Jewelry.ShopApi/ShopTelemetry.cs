using System.Diagnostics;

namespace Jewelry.ShopApi;

/// <summary>The Shop's own spans (storing a model): named after the application, whose source ServiceDefaults traces.</summary>
internal static class ShopTelemetry
{
    public static readonly ActivitySource Source = new(typeof(ShopTelemetry).Assembly.GetName().Name!);
}
