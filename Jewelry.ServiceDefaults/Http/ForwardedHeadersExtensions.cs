using System.Net;
using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// Honours <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> (or RFC 7239 <c>Forwarded</c>, see
    /// <see cref="TrustedProxiesOptions.HeaderStyle"/>) only from the configured trusted proxies. ASP.NET
    /// Core trusts loopback by default; that default is dropped, so a forged header from anyone else is ignored.
    /// (Measured: clearing both lists alone makes the middleware trust everyone.)
    /// </summary>
    public static TBuilder AddTrustedProxies<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var trusted = builder.Configuration.GetSection(TrustedProxiesOptions.SectionName).Get<TrustedProxiesOptions>() ?? new();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();

            // With both lists empty the middleware would believe every sender, so nothing configured means off.
            var anyTrusted = trusted.TrustedProxies.Count > 0 || trusted.TrustedNetworks.Count > 0;
            options.ForwardedHeaders = anyTrusted
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            foreach (var proxy in trusted.TrustedProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.TrustedNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        builder.Services.AddSingleton(trusted);

        return builder;
    }

    /// <summary>
    /// The forwarded-headers middleware, preceded, when the proxies speak RFC 7239, by the translation of
    /// <c>Forwarded</c> into the headers the middleware reads.
    /// </summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        var trusted = app.Services.GetService<TrustedProxiesOptions>();
        if (trusted?.HeaderStyle == ForwardedHeaderStyle.Forwarded)
        {
            app.Use((context, next) =>
            {
                Rfc7239ForwardedHeader.TranslateToXForwarded(context.Request);
                return next(context);
            });
        }

        app.UseForwardedHeaders();
        return app;
    }
}
