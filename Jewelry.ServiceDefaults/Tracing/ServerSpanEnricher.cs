using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Keeps a server span about the server and its client. RabbitMQ.Client 7 writes the broker's
/// <c>server.address</c>, <c>server.port</c> and <c>network.peer.*</c> onto whatever activity is current when it
/// connects or publishes, which inside a request is the server span; at the end of the request these tags are
/// set back to what the request itself says.
/// </summary>
internal static class ServerSpanEnricher
{
    public static void DescribeServerAndClient(Activity activity, HttpResponse response)
    {
        var request = response.HttpContext.Request;
        var connection = response.HttpContext.Connection;

        activity.SetTag("server.address", request.Host.Host);
        activity.SetTag("server.port", request.Host.Port ?? connection.LocalPort);
        activity.SetTag("network.peer.address", connection.RemoteIpAddress?.ToString());
        activity.SetTag("network.peer.port", connection.RemotePort == 0 ? null : connection.RemotePort);
    }
}
