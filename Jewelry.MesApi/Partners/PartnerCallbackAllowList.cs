using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Jewelry.MesApi.Partners;

/// <summary>
/// Which callback URLs MES may call (<see cref="PartnerCallbackOptions.AllowedHosts"/>): checked when a partner names
/// one, and again when MES connects, against the addresses the name resolves to then, so a host that later points
/// at an internal address (DNS rebinding) is still refused.
/// </summary>
public sealed class PartnerCallbackAllowList(IOptionsMonitor<PartnerCallbackOptions> options)
{
    /// <summary>Why MES will not call <paramref name="url"/>, or null when it may.</summary>
    public string? RefusalOf(Uri url)
    {
        var current = options.CurrentValue;
        if (!current.AllowedHosts.Any(allowed => Matches(allowed, url.IdnHost)))
        {
            return $"The callback host '{url.IdnHost}' is not one of the partner hosts MES is configured to call.";
        }

        return IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IsInternal(address) && !current.AllowPrivateAddresses
            ? $"The callback host '{url.IdnHost}' is a loopback, link-local or private address."
            : null;
    }

    /// <summary>Connects to the first allowed address of the host; refuses internal ones unless configured.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = options.CurrentValue.AllowPrivateAddresses ? addresses : [.. addresses.Where(address => !IsInternal(address))];
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"Refused to call '{host}': it resolves only to loopback, link-local or private addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool Matches(string allowed, string host) =>
        allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : host.Equals(allowed, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loopback, link-local, private (RFC 1918, RFC 4193), shared (RFC 6598) or unspecified.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] == 10
            || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31)
            || (bytes[0] == 192 && bytes[1] == 168)
            || (bytes[0] == 169 && bytes[1] == 254)
            || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127)
            || bytes[0] == 0;
    }
}
