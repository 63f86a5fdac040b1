using System.Diagnostics;
using System.Net;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.AspNetCore.Http;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class ServerSpanEnricherTests
{
    [Fact]
    public void Broker_address_written_onto_the_server_span_is_replaced_by_the_request_own()
    {
        using var activity = new Activity("GET /api/orders");
        // What RabbitMQ.Client 7 leaves on the current activity when it connects or publishes inside a request.
        activity.SetTag("server.address", "rabbitmq.internal");
        activity.SetTag("server.port", 5672);
        activity.SetTag("network.peer.address", "10.0.0.7");
        activity.SetTag("network.peer.port", 5672);

        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("shop.alexandrite.example", 8443);
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        context.Connection.RemotePort = 51234;

        ServerSpanEnricher.DescribeClient(activity, context);

        Assert.Equal("shop.alexandrite.example", activity.GetTagItem("server.address"));
        Assert.Equal(8443, activity.GetTagItem("server.port"));
        Assert.Equal("203.0.113.9", activity.GetTagItem("network.peer.address"));
        Assert.Equal(51234, activity.GetTagItem("network.peer.port"));
        Assert.Equal("203.0.113.9", activity.GetTagItem("client.address"));
    }

    [Fact]
    public void Behind_a_proxy_the_peer_stays_the_proxy_and_the_client_is_the_forwarded_address()
    {
        using var activity = new Activity("GET /api/orders");
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString("shop.alexandrite.example");
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
        context.Connection.RemotePort = 40100;
        ServerSpanEnricher.DescribePeer(activity, context.Connection);
        activity.SetTag("server.address", "shop.alexandrite.example");

        // What the forwarded-headers middleware does for a trusted proxy.
        context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
        ServerSpanEnricher.DescribeClient(activity, context);

        Assert.Equal("10.0.0.5", activity.GetTagItem("network.peer.address"));
        Assert.Equal(40100, activity.GetTagItem("network.peer.port"));
        Assert.Equal("198.51.100.7", activity.GetTagItem("client.address"));
    }
}
