using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jewelry.AppHost.Telemetry;

/// <summary>
/// Where the collector forwards to the Aspire dashboard, and with which key. At F5 that is the dashboard the AppHost
/// runs, reached from the container through the host; in a deployment (manifest) it is a standalone dashboard the
/// deployment names through two parameters.
/// </summary>
internal static class DashboardExportExtensions
{
    public const string EndpointVariable = "ASPIRE_DASHBOARD_OTLP_ENDPOINT";
    public const string ApiKeyVariable = "ASPIRE_DASHBOARD_OTLP_API_KEY";
    public const string EndpointParameter = "dashboard-otlp-endpoint";
    public const string ApiKeyParameter = "dashboard-otlp-api-key";

    // The dashboard resource Aspire adds at start, and its OTLP/HTTP endpoint.
    private const string DashboardResourceName = "aspire-dashboard";
    private const string DashboardOtlpHttpEndpoint = "otlp-http";

    public static IResourceBuilder<ContainerResource> WithDashboardExport(
        this IResourceBuilder<ContainerResource> collector, IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return collector
                .WithEnvironment(EndpointVariable, builder.AddParameter(EndpointParameter))
                .WithEnvironment(ApiKeyVariable, builder.AddParameter(ApiKeyParameter, secret: true));
        }

        // The dashboard's OTLP/HTTP endpoint (launchSettings.json sets only that one) and the key Aspire checks.
        // A HostUrl lets Aspire say how this container reaches the host: host.docker.internal under Docker,
        // host.containers.internal under Podman, or its container tunnel with the port that tunnel maps.
        // The testing builder sets the variable empty: the same as not set.
        var endpoint = builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] is { Length: > 0 } aspire ? aspire
            : builder.Configuration["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"];
        if (!string.IsNullOrEmpty(endpoint))
        {
            collector.WithEnvironment(EndpointVariable, new HostUrl(endpoint));
        }
        else
        {
            // Under the testing builder the dashboard's ports are chosen at start: take the endpoint from its resource,
            // which Aspire resolves for the container network as it does a HostUrl.
            collector.WithEnvironment(context =>
            {
                var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
                if (model.Resources.FirstOrDefault(resource => resource.Name == DashboardResourceName) is IResourceWithEndpoints dashboard
                    && dashboard.Annotations.OfType<EndpointAnnotation>().Any(annotation => annotation.Name == DashboardOtlpHttpEndpoint))
                {
                    context.EnvironmentVariables[EndpointVariable] = dashboard.GetEndpoint(DashboardOtlpHttpEndpoint);
                }
            });
        }

        return collector.WithEnvironment(ApiKeyVariable, builder.Configuration["AppHost:OtlpApiKey"] ?? string.Empty);
    }
}
