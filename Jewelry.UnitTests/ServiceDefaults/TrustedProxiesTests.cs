using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class TrustedProxiesTests
{
    [Fact]
    public void Only_the_configured_proxies_are_trusted_not_loopback()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ReverseProxy:TrustedProxies:0"] = "10.1.2.3";
        builder.Configuration["ReverseProxy:TrustedNetworks:0"] = "192.168.50.0/24";
        builder.AddTrustedProxies();
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal([IPAddress.Parse("10.1.2.3")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.50.0/24")], options.KnownIPNetworks);
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
    }

    [Fact]
    public void With_nothing_configured_nobody_is_trusted()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddTrustedProxies();
        using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
        // Empty lists alone would make the middleware trust everyone; processing must be off instead.
        Assert.Equal(ForwardedHeaders.None, options.ForwardedHeaders);
    }
}
