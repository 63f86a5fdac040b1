using Jewelry.Contracts.Orders;
using Jewelry.Messaging;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

public static class MessagingExtensions
{
    public const string MessagingConnectionName = "messaging";

    private const int StartupConnectAttempts = 8;

    /// <summary>
    /// The RabbitMQ connection (Aspire.RabbitMQ.Client: health check, traces, metrics) and the outbox relay that
    /// publishes what the service's transactions wrote with <see cref="Outbox"/>.
    /// </summary>
    public static TBuilder AddOrderEventPublishing<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Span names stay "publish jewelry.orders" instead of one name per routing key (low cardinality).
        RabbitMQActivitySource.UseRoutingKeyAsOperationName = false;

        builder.AddRabbitMQClient(
            MessagingConnectionName,
            // A service starts while the broker boots (the AppHost does not hold it back): it keeps trying for minutes
            // instead of Aspire's five attempts (about half a minute), which a busy machine's first start can outlast.
            settings => settings.MaxConnectRetryCount = Math.Max(settings.MaxConnectRetryCount, StartupConnectAttempts),
            factory => BrokerClusterNodes.ConnectToAnyOf(factory, builder.Configuration));
        builder.AddMessagingStore();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }

    /// <summary>Consumes order events from <paramref name="queue"/>; add a handler per routing key with <see cref="OrderEventConsumerBuilder.Handle"/>.</summary>
    public static OrderEventConsumerBuilder AddOrderEventConsumer(this IHostApplicationBuilder builder, string queue)
    {
        builder.AddMessagingStore();
        var options = new OrderEventConsumerOptions(queue);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<OrderEventConsumer>();
        return new OrderEventConsumerBuilder(builder.Services, options);
    }

    /// <summary>
    /// The outbox and inbox tables in the service's database, their retention and backlog gauges, and the spans of the
    /// messaging plumbing.
    /// </summary>
    private static void AddMessagingStore(this IHostApplicationBuilder builder)
    {
        // A source added twice is traced once; the tables are migrated and cleaned by one job.
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(MessagingTelemetry.ActivitySourceName));
        if (!builder.Services.Any(service => ReferenceEquals(service.ImplementationInstance, MessagingTables.Migrations)))
        {
            builder.Services.AddSingleton(MessagingTables.Migrations);
            builder.Services.AddOptions<MessagingRetentionOptions>().BindConfiguration(MessagingRetentionOptions.SectionName)
                .Validate(retention => retention.Window > TimeSpan.Zero && retention.BatchSize > 0, "Messaging:Retention needs a positive Window and BatchSize.")
                .ValidateOnStart();
            builder.Services.AddHostedService<MessagingRetention>();
            builder.AddDatabaseGauges(MessagingGauges.MeterName, MessagingGauges.All);
        }
    }
}

public sealed class OrderEventConsumerBuilder
{
    private readonly IServiceCollection _services;
    private readonly OrderEventConsumerOptions _options;

    internal OrderEventConsumerBuilder(IServiceCollection services, OrderEventConsumerOptions options)
    {
        _services = services;
        _options = options;
    }

    public OrderEventConsumerBuilder Handle<TEvent, THandler>(string routingKey)
        where TEvent : OrderEvent
        where THandler : class, IOrderMessageHandler<TEvent>
    {
        _services.AddScoped<THandler>();
        _options.Subscriptions.Add(routingKey, OrderEventSubscription.For<TEvent, THandler>(routingKey));
        return this;
    }
}
