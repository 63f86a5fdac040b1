namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>Lets a caller name its client span after the route it calls (<c>GET /api/customers/{id}</c>), as semantic conventions prefer.</summary>
public static class UrlTemplateExtensions
{
    internal static readonly HttpRequestOptionsKey<string> UrlTemplate = new("jewelry.url.template");

    public static HttpRequestMessage WithUrlTemplate(this HttpRequestMessage request, string template)
    {
        request.Options.Set(UrlTemplate, template);
        return request;
    }
}
