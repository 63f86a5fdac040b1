using Jewelry.AppHost.Infrastructure;

namespace Jewelry.AppHost;

public static class JewelrySystemBuilderExtensions
{
    /// <summary>
    /// The whole system as F5 runs it: PostgreSQL and RabbitMQ as containers or as local processes (with the collector
    /// and Jaeger in Containers mode; see Infrastructure/InfrastructureMode.cs and Telemetry/), and the three services
    /// on them. The entry point composes it here, and so do the tests that inspect the model without running it.
    /// </summary>
    public static JewelryServices AddJewelrySystem(this IDistributedApplicationBuilder builder) =>
        builder.AddJewelryServices(builder.AddJewelryInfrastructure());
}
