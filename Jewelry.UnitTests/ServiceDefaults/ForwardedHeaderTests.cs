using System.Net;
using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jewelry.UnitTests.ServiceDefaults;

/// <summary>RFC 7239 <c>Forwarded</c>: parsed, and believed only from a trusted proxy and only when configured.</summary>
public sealed class ForwardedHeaderTests
{
    [Fact]
    public void The_for_and_proto_values_are_read_in_order_with_quotes_and_ipv6_brackets_kept_as_addresses()
    {
        var (forValues, protoValues) = Rfc7239ForwardedHeader.Parse(
            """for=192.0.2.60;proto=https;by=203.0.113.43, For="[2001:db8:cafe::17]:4711", for=unknown""");

        Assert.Equal(["192.0.2.60", "[2001:db8:cafe::17]:4711", "unknown"], forValues);
        Assert.Equal(["https"], protoValues);
    }

    [Theory]
    [InlineData("10.0.0.5", "Forwarded", "for=198.51.100.7;proto=https", "198.51.100.7")]
    [InlineData("10.9.9.9", "Forwarded", "for=198.51.100.7", "10.9.9.9")]
    // Proxies configured to write X-Forwarded-For: Forwarded is not read at all.
    [InlineData("10.0.0.5", "XForwardedFor", "for=198.51.100.7", "203.0.113.66")]
    public async Task The_client_address_comes_from_Forwarded_only_when_a_trusted_proxy_sends_it_and_that_style_is_configured(
        string peer, string style, string forwarded, string expectedClient)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["ReverseProxy:TrustedProxies:0"] = "10.0.0.5";
        builder.Configuration["ReverseProxy:HeaderStyle"] = style;
        builder.AddTrustedProxies();
        await using var app = builder.Build();
        app.UseTrustedForwardedHeaders();
        app.MapGet("/", (HttpContext context) => context.Connection.RemoteIpAddress!.ToString());
        await app.StartAsync();

        var context = await app.GetTestServer().SendAsync(request =>
        {
            request.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            request.Request.Path = "/";
            request.Request.Headers["Forwarded"] = forwarded;
            // With the Forwarded style, an X-Forwarded-For the client forged must not win over the proxy's header.
            request.Request.Headers["X-Forwarded-For"] = "203.0.113.66";
        });

        using var reader = new StreamReader(context.Response.Body);
        Assert.Equal(expectedClient, await reader.ReadToEndAsync());
    }
}
