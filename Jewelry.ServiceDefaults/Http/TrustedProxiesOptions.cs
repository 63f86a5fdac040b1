namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> (or RFC 7239 <c>Forwarded</c>) is believed (configuration section <c>ReverseProxy</c>).
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

    /// <summary>
    /// Which header the trusted proxies write. Only that one is read: were both read, a client could forge the one
    /// its proxy does not overwrite.
    /// </summary>
    public ForwardedHeaderStyle HeaderStyle { get; set; } = ForwardedHeaderStyle.XForwardedFor;
}

/// <summary>How the trusted proxies pass on the client's address.</summary>
public enum ForwardedHeaderStyle
{
    /// <summary><c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (nginx, most cloud load balancers).</summary>
    XForwardedFor,

    /// <summary>RFC 7239 <c>Forwarded: for=...;proto=...</c> (Envoy, HAProxy and others can be set to it).</summary>
    Forwarded,
}
