using Jewelry.AppHost.LocalProcesses;
using Jewelry.AppHost.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jewelry.AppHost.Infrastructure;

public static partial class InfrastructureBuilderExtensions
{
    /// <summary>
    /// Adds PostgreSQL (one database per service) and RabbitMQ in the mode <c>Infrastructure:Mode</c> selects,
    /// with the collector and Jaeger in Containers mode, and says in the log which mode runs and why.
    /// </summary>
    public static JewelryInfrastructure AddJewelryInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var selection = InfrastructureModeSelector.Select(builder);

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(InfrastructureBuilderExtensions).Namespace!);
            LogMode(logger, selection.Mode, selection.Reason);
            return Task.CompletedTask;
        });

        return selection.Mode == InfrastructureMode.Containers
            ? builder.AddContainerInfrastructure()
            : builder.AddLocalProcessInfrastructure();
    }

    private static JewelryInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        if (MessagingNodes.From(builder.Configuration) > 1)
        {
            throw new InvalidOperationException(
                $"{MessagingNodes.ConfigurationKey} asks for a RabbitMQ cluster, which runs in LocalProcesses mode only (Infrastructure:Mode=LocalProcesses).");
        }

        if (DatabaseStandby.From(builder.Configuration))
        {
            throw new InvalidOperationException(
                $"{DatabaseStandby.ConfigurationKey} asks for a PostgreSQL standby, which runs in LocalProcesses mode only (Infrastructure:Mode=LocalProcesses).");
        }

        var postgres = builder.AddPostgres(ResourceNames.Postgres);

        return new JewelryInfrastructure(
            postgres.AddDatabase(ResourceNames.ShopDatabase),
            postgres.AddDatabase(ResourceNames.CrmDatabase),
            postgres.AddDatabase(ResourceNames.MesDatabase),
            builder.AddRabbitMQ(ResourceNames.Messaging),
            builder.AddTracingPipeline());
    }

    private static JewelryInfrastructure AddLocalProcessInfrastructure(this IDistributedApplicationBuilder builder)
    {
        builder.ExplainTracingWithoutContainers();
        // The local servers' data and logs, one directory per run.
        var runDirectory = RunDirectories.CreateUnder(Path.Combine(Path.GetTempPath(), "jewelry-apphost"));
        var postgres = builder.AddLocalPostgres(ResourceNames.Postgres, runDirectory);
        var standby = DatabaseStandby.From(builder.Configuration) ? postgres.AddLocalStandby(ResourceNames.PostgresStandby, runDirectory) : null;
        var rabbitMQ = builder.AddLocalRabbitMQCluster(ResourceNames.Messaging, runDirectory, MessagingNodes.From(builder.Configuration));

        return new JewelryInfrastructure(
            postgres.AddLocalDatabase(ResourceNames.ShopDatabase),
            postgres.AddLocalDatabase(ResourceNames.CrmDatabase),
            postgres.AddLocalDatabase(ResourceNames.MesDatabase),
            rabbitMQ[0],
            Collector: null,
            MessagingCluster: rabbitMQ.Count > 1 ? rabbitMQ : null,
            DatabaseStandby: standby);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Infrastructure mode: {Mode} ({Reason})")]
    private static partial void LogMode(ILogger logger, InfrastructureMode mode, string reason);
}
