namespace Jewelry.MesApi.Partners;

/// <summary>How MES calls partners back (configuration section <c>PartnerCallbacks</c>).</summary>
public sealed class PartnerCallbackOptions
{
    public const string SectionName = "PartnerCallbacks";
    public const string HttpClientName = "partner-callbacks";

    /// <summary>One HTTP attempt; a partner slower than this counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Immediate retries inside one delivery, each its own span.</summary>
    public int RetriesPerDelivery { get; set; } = 2;

    /// <summary>Deliveries before MES gives up on a callback (with exponential back-off between them).</summary>
    public int MaxDeliveries { get; set; } = 10;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
