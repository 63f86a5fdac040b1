using Jewelry.ServiceDefaults.Messaging;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The activity sources every service traces besides ASP.NET Core and HttpClient: its dependencies (the Aspire
/// client integrations register these too; naming them here keeps the list in one place, and a source added
/// twice is traced once) and the project's own plumbing.
/// </summary>
public static class TracingSources
{
    public static readonly string[] Dependencies =
    [
        MessagingTelemetry.ActivitySourceName,
        FaultInjection.FaultTelemetry.ActivitySourceName,
        "Npgsql",
        "RabbitMQ.Client.Publisher",
        "RabbitMQ.Client.Subscriber",
    ];
}
