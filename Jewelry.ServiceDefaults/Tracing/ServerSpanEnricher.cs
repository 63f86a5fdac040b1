using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Keeps a server span about the server and its client. <c>network.peer.*</c> is the TCP peer as it connected (a
/// proxy, if there is one), set when the request starts, before forwarded headers can change the connection's
/// address; <c>client.address</c> is the real client, set at the end, after trusted forwarded headers were applied.
/// RabbitMQ.Client 7 writes the broker's <c>server.address</c>, <c>server.port</c> and <c>network.peer.*</c> onto
/// whatever activity is current when it connects or publishes; when that happened inside the request, the end of the
/// request sets them back to what the request itself says.
/// </summary>
internal static class ServerSpanEnricher
{
    private const string ServerAddress = "server.address";
    private const string ServerPort = "server.port";
    private const string PeerAddress = "network.peer.address";
    private const string PeerPort = "network.peer.port";
    private const string ClientAddress = "client.address";

    /// <summary>At the start of the request.</summary>
    public static void DescribePeer(Activity activity, ConnectionInfo connection)
    {
        activity.SetTag(PeerAddress, connection.RemoteIpAddress?.ToString());
        activity.SetTag(PeerPort, connection.RemotePort == 0 ? null : connection.RemotePort);
    }

    /// <summary>At the end of the request.</summary>
    public static void DescribeClient(Activity activity, HttpContext context)
    {
        if (!AddressesThisServer(activity, context.Request.Host))
        {
            activity.SetTag(ServerAddress, context.Request.Host.Host);
            activity.SetTag(ServerPort, context.Request.Host.Port ?? context.Connection.LocalPort);
            // The TCP peer as it connected: the forwarded-headers middleware keeps it in X-Original-For.
            var original = context.Request.Headers["X-Original-For"].ToString();
            var peer = IPEndPoint.TryParse(original, out var endpoint)
                ? endpoint
                : new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort);
            activity.SetTag(PeerAddress, peer.Address.ToString());
            activity.SetTag(PeerPort, peer.Port == 0 ? null : peer.Port);
        }

        activity.SetTag(ClientAddress, SameOrText(context.Connection.RemoteIpAddress, activity.GetTagItem(PeerAddress)));
    }

    /// <summary>Whether <c>server.address</c> still names the host the request addressed (no broker wrote over it).</summary>
    private static bool AddressesThisServer(Activity activity, HostString host)
    {
        if (activity.GetTagItem(ServerAddress) is not string address)
        {
            return false;
        }

        // What HostString.Host returns ("name", "[::1]"), without the substring it would allocate.
        var value = host.Value.AsSpan();
        var end = value.StartsWith('[') ? value.IndexOf(']') + 1
            : value.IndexOf(':') is var colon and >= 0 && colon == value.LastIndexOf(':') ? colon
            : value.Length;
        return value[..(end > 0 ? end : value.Length)].Equals(address, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The address as text, reusing <paramref name="known"/> when it is the same address (the common case: no proxy).</summary>
    private static string? SameOrText(IPAddress? address, object? known)
    {
        if (address is null)
        {
            return null;
        }

        Span<char> text = stackalloc char[64];
        return known is string knownText && address.TryFormat(text, out var written) && text[..written].SequenceEqual(knownText)
            ? knownText
            : address.ToString();
    }
}
