using Jewelry.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    public const string MessagingConnectionName = "messaging";

    /// <summary>
    /// The RabbitMQ connection (Aspire.RabbitMQ.Client: health check, traces, metrics) and the outbox relay that
    /// publishes what the service's transactions wrote with <see cref="Outbox"/>.
    /// </summary>
    public static TBuilder AddOrderEventPublishing<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Span names stay "publish jewelry.orders" instead of one name per routing key (low cardinality).
        RabbitMQActivitySource.UseRoutingKeyAsOperationName = false;

        builder.AddRabbitMQClient(MessagingConnectionName);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxRelay>();
        return builder;
    }

    /// <summary>Consumes order events from <paramref name="queue"/>; add a handler per routing key with <see cref="Handle"/>.</summary>
    public static OrderEventConsumerBuilder AddOrderEventConsumer(this IHostApplicationBuilder builder, string queue)
    {
        var options = new OrderEventConsumerOptions(queue);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<OrderEventConsumer>();
        return new OrderEventConsumerBuilder(builder.Services, options);
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
