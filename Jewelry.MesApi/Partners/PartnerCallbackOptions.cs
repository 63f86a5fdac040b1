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

    /// <summary>
    /// The hosts partners may name in a callback URL: exact names or <c>*.domain</c>. None by default: MES calls no
    /// one it was not told to, so a callback URL cannot make it reach into its own network (SSRF).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Whether an allowed host may be (or resolve to) a loopback, link-local or private address. Off by default;
    /// Development turns it on for a partner simulator on the same machine.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}
