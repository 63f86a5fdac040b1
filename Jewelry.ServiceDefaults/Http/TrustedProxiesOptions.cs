namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> is believed (configuration section <c>ReverseProxy</c>).
/// Empty by default: then nobody is trusted, and <c>client.address</c> is the connection's own peer, whatever a
/// client writes in that header.
/// </summary>
public sealed class TrustedProxiesOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, for example <c>10.0.0.5</c>.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, for example <c>10.0.0.0/8</c>.</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}
