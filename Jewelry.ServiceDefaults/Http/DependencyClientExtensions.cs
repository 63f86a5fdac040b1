using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>Configuration section per dependency client: <c>HttpClients:&lt;client name&gt;</c>, shaped like HttpStandardResilienceOptions.</summary>
    public const string HttpClientsSectionName = "HttpClients";

    /// <summary>
    /// Makes a named HTTP client a dependency of its own: a standard resilience pipeline with this client's
    /// timeouts and retries (first <paramref name="configure"/>, then the configuration section
    /// <c>HttpClients:&lt;client name&gt;</c>, e.g. <c>HttpClients:CrmClient:AttemptTimeout:Timeout</c>) instead of
    /// the shared defaults, and fault injection inside each attempt (target <c>http:&lt;client name&gt;</c>).
    /// </summary>
    public static IHttpClientBuilder AddDependencyResilience(
        this IHttpClientBuilder http, Action<HttpStandardResilienceOptions>? configure = null)
    {
        // The documented way to replace the defaults' pipeline; still marked experimental.
#pragma warning disable EXTEXP0001
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        http.AddStandardResilienceHandler(options =>
        {
            // A caller is waiting: the retry keeps to this client's short schedule instead of sleeping for the other
            // service's Retry-After past the total budget; a 503 still there is passed on as 503 with Retry-After.
            options.Retry.ShouldRetryAfterHeader = false;
            configure?.Invoke(options);
        });
        // Named options "<client>-standard" are what AddStandardResilienceHandler reads for this client.
        http.Services.AddOptions<HttpStandardResilienceOptions>($"{http.Name}-standard")
            .BindConfiguration($"{HttpClientsSectionName}:{http.Name}");
        http.AddHttpMessageHandler(() => new AttemptTracingHandler());
        http.AddFaultInjectionHandler();
        return http;
    }
}
