namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// The activity sources of the dependencies every service uses. The Aspire client integrations register them
/// too; naming them here keeps the list of what is traced in one place (a source added twice is traced once).
/// </summary>
public static class TracingSources
{
    public static readonly string[] Dependencies =
    [
        "Npgsql",
        "RabbitMQ.Client.Publisher",
        "RabbitMQ.Client.Subscriber",
    ];
}
