using Jewelry.Data;

namespace Jewelry.MesApi;

/// <summary>
/// MES's backlogs, on the meter <c>Jewelry.MesApi</c>: price calculations that are due and how late the oldest is,
/// partner callbacks waiting for delivery and those that failed for good (which only an operator's retry sends).
/// </summary>
public static class MesGauges
{
    public const string MeterName = "Jewelry.MesApi";

    public static DatabaseGauge[] All(int maxPartnerDeliveries) =>
    [
        new("jewelry.pricing.due", "{calculation}", "Price calculations whose time has come and that no worker has done yet.",
            "SELECT count(*) FROM price_calculations WHERE due_at <= now()"),
        new("jewelry.pricing.oldest_due.lateness", "s", "How long past its due time the oldest waiting price calculation is (0 when none waits).",
            "SELECT extract(epoch FROM now() - min(due_at)) FROM price_calculations WHERE due_at <= now()"),
        new("jewelry.partner_callbacks.pending", "{callback}", "Partner callbacks not delivered yet that will still be tried.",
            "SELECT count(*) FROM partner_notifications WHERE delivered_at IS NULL AND attempts < @maxPartnerDeliveries",
            new { maxPartnerDeliveries }),
        new("jewelry.partner_callbacks.failed", "{callback}", "Partner callbacks that failed every delivery: they wait for an operator's retry.",
            "SELECT count(*) FROM partner_notifications WHERE delivered_at IS NULL AND attempts >= @maxPartnerDeliveries",
            new { maxPartnerDeliveries }),
    ];
}
