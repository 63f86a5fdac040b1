using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// Reads RFC 7239 <c>Forwarded</c> (<c>for=192.0.2.60;proto=https, for="[2001:db8::17]:4711"</c>) and hands it to
/// ASP.NET Core's forwarded-headers middleware as <c>X-Forwarded-For</c>/<c>-Proto</c>, replacing whatever the
/// client put there. The middleware then applies the trusted-proxy rules as for any proxy; nothing is believed here.
/// </summary>
internal static class Rfc7239ForwardedHeader
{
    public const string HeaderName = "Forwarded";

    public static void TranslateToXForwarded(HttpRequest request)
    {
        request.Headers.Remove("X-Forwarded-For");
        request.Headers.Remove("X-Forwarded-Proto");
        if (!request.Headers.TryGetValue(HeaderName, out var forwarded))
        {
            return;
        }

        var (forValues, protoValues) = Parse(forwarded.ToString());
        if (forValues.Count > 0)
        {
            request.Headers["X-Forwarded-For"] = new StringValues([.. forValues]);
        }

        if (protoValues.Count > 0)
        {
            request.Headers["X-Forwarded-Proto"] = new StringValues([.. protoValues]);
        }
    }

    /// <summary>The <c>for</c> and <c>proto</c> values of each element, in order (client first, nearest proxy last).</summary>
    public static (List<string> For, List<string> Proto) Parse(string header)
    {
        List<string> forValues = [], protoValues = [];
        foreach (var element in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var pair in element.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var separator = pair.IndexOf('=');
                if (separator <= 0)
                {
                    continue;
                }

                var name = pair[..separator].Trim();
                var value = pair[(separator + 1)..].Trim().Trim('"');
                if (name.Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    forValues.Add(value);
                }
                else if (name.Equals("proto", StringComparison.OrdinalIgnoreCase))
                {
                    protoValues.Add(value);
                }
            }
        }

        return (forValues, protoValues);
    }
}
