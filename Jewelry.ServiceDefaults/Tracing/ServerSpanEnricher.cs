using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Keeps a server span about the server and its client. RabbitMQ.Client 7 writes the broker's
/// <c>server.address</c>, <c>server.port</c> and <c>network.peer.*</c> onto whatever activity is current when it
/// connects or publishes, which inside a request is the server span; at the end of the request these tags are
/// set back to what the request itself says. <c>network.peer.*</c> is the TCP peer as it connected (a proxy, if
/// there is one); <c>client.address</c> is the real client, after trusted forwarded headers were applied.
/// </summary>
internal static class ServerSpanEnricher
{
    private static readonly object PeerKey = new();

    /// <summary>At the start of the request, before forwarded headers can change the connection's address.</summary>
    public static void RememberPeer(HttpContext context) =>
        context.Items[PeerKey] = (context.Connection.RemoteIpAddress, context.Connection.RemotePort);

    public static void DescribeServerAndClient(Activity activity, HttpResponse response)
    {
        var context = response.HttpContext;
        var (peerAddress, peerPort) = context.Items.TryGetValue(PeerKey, out var peer) && peer is (IPAddress address, int port)
            ? (address, port)
            : (context.Connection.RemoteIpAddress, context.Connection.RemotePort);

        activity.SetTag("server.address", context.Request.Host.Host);
        activity.SetTag("server.port", context.Request.Host.Port ?? context.Connection.LocalPort);
        activity.SetTag("network.peer.address", peerAddress?.ToString());
        activity.SetTag("network.peer.port", peerPort == 0 ? null : peerPort);
        activity.SetTag("client.address", context.Connection.RemoteIpAddress?.ToString());
    }
}
