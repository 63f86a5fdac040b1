using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Jewelry.Contracts.Orders;
using Jewelry.Data;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Jewelry.Messaging;

/// <summary>
/// Consumes the service's queue with manual acknowledgements. Each message is handled at most once (the inbox
/// table remembers its id in the same transaction as the handler's changes); a failure is nacked and redelivered
/// until the queue's delivery limit dead-letters it; a message that can never be read goes to the dead-letter
/// queue at once. A database that cannot take work (down, restarting, out of connections) is not the message's
/// fault: the consumer waits and tries the same delivery again, so an outage pauses consumption instead of using up
/// the message's deliveries. Nor is an event that overtook its order's submission (replicas share the queue, so
/// events of one order can be handled out of order): the consumer waits for the order a few times before giving
/// the delivery back (<see cref="OrderNotKnownYetException"/>).
/// </summary>
internal sealed partial class OrderEventConsumer(
    OrderEventConsumerOptions options,
    IConnection broker,
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    OutboxSignal outboxSignal,
    ILogger<OrderEventConsumer> logger) : BackgroundService
{
    private const ushort Prefetch = 16;

    /// <summary>How long the consumer waits before trying a message again while its database is unavailable.</summary>
    internal static readonly TimeSpan UnavailableDatabaseBackOff = TimeSpan.FromSeconds(2);

    /// <summary>How long the consumer waits before trying an event again whose order it does not know yet.</summary>
    internal static readonly TimeSpan OrderNotKnownYetBackOff = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many times one delivery waits for its order. Bounded because the order's submission may sit behind the
    /// event in this very consumer, which handles one delivery at a time: giving the event back lets it through.
    /// </summary>
    internal const int OrderNotKnownYetWaits = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channel = await broker.CreateChannelAsync(cancellationToken: stoppingToken);
        await MessagingTopology.DeclareConsumerQueueAsync(channel, options.Queue, options.Subscriptions.Keys, stoppingToken);
        await channel.BasicQosAsync(0, Prefetch, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => ConsumeAsync(channel, delivery, stoppingToken);
        await channel.BasicConsumeAsync(options.Queue, autoAck: false, consumer, stoppingToken);

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: close the channel so unacknowledged messages go back to the queue.
        }
        finally
        {
            await channel.CloseAsync(CancellationToken.None);
            await channel.DisposeAsync();
        }
    }

    private async Task ConsumeAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        // RabbitMQ.Client made the consume span a child of the publish and made it current.
        var activity = Activity.Current;

        if (!TryRead(delivery, out var subscription, out var message))
        {
            LogUnreadable(logger, delivery.RoutingKey, delivery.BasicProperties.MessageId);
            activity?.SetTag("error.type", "unreadable_message");
            activity?.SetStatus(ActivityStatusCode.Error, "The message cannot be read; dead-lettered.");
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, cancellationToken);
            return;
        }

        OrderTrace.WorkOn(activity, message.OrderId);
        activity?.SetTag(MessagingTelemetry.MessageIdAttribute, message.MessageId.ToString());

        try
        {
            var handled = await HandleWhenPossibleAsync(activity, subscription, message, cancellationToken);
            activity?.SetTag(MessagingTelemetry.DuplicateAttribute, !handled);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            activity?.SetStatus(ActivityStatusCode.Ok);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlingFailed(logger, exception, delivery.RoutingKey, message.MessageId, message.OrderId);
            SpanExceptionRecorder.RecordFailure(activity, exception);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
        }
    }

    /// <summary>
    /// <see cref="HandleOnceAsync"/>, tried again after <see cref="UnavailableDatabaseBackOff"/> while the database is
    /// unavailable, and up to <see cref="OrderNotKnownYetWaits"/> times after <see cref="OrderNotKnownYetBackOff"/>
    /// while the event's order is not known yet; each wait is an event on the consume span. Any other failure, and
    /// an order still unknown after the last wait, goes to the caller.
    /// </summary>
    private async Task<bool> HandleWhenPossibleAsync(
        Activity? activity, OrderEventSubscription subscription, OrderEvent message, CancellationToken cancellationToken)
    {
        var waitsForTheOrder = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await HandleOnceAsync(subscription, message, cancellationToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception) && !cancellationToken.IsCancellationRequested)
            {
                LogDatabaseUnavailable(logger, exception, message.MessageId, attempt);
                AddWait(activity, "database unavailable, waiting", attempt, exception);
                await Task.Delay(UnavailableDatabaseBackOff, cancellationToken);
            }
            catch (OrderNotKnownYetException exception) when (waitsForTheOrder < OrderNotKnownYetWaits)
            {
                waitsForTheOrder++;
                LogOrderNotKnownYet(logger, message.MessageId, message.OrderId, attempt);
                AddWait(activity, "order not known yet, waiting", attempt, exception);
                await Task.Delay(OrderNotKnownYetBackOff, cancellationToken);
            }
        }
    }

    private static void AddWait(Activity? activity, string name, int attempt, Exception exception) =>
        activity?.AddEvent(new ActivityEvent(name, tags: new ActivityTagsCollection
        {
            ["jewelry.messaging.handling_attempt"] = attempt,
            ["error.type"] = exception.GetType().FullName,
        }));

    /// <summary>Runs the handler unless the inbox shows the message was handled already; false for a duplicate.</summary>
    private async Task<bool> HandleOnceAsync(OrderEventSubscription subscription, OrderEvent message, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var firstTime = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbox_messages (message_id, consumer, routing_key) VALUES (@MessageId, @Consumer, @RoutingKey)
            ON CONFLICT DO NOTHING
            """,
            new { message.MessageId, Consumer = options.Queue, subscription.RoutingKey }, transaction,
            cancellationToken: cancellationToken)) == 1;

        if (firstTime)
        {
            await using var scope = scopes.CreateAsyncScope();
            await subscription.Handle(scope.ServiceProvider, message, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        outboxSignal.Notify();
        return firstTime;
    }

    private bool TryRead(BasicDeliverEventArgs delivery, out OrderEventSubscription subscription, out OrderEvent message)
    {
        message = null!;
        if (!options.Subscriptions.TryGetValue(delivery.RoutingKey, out subscription!))
        {
            return false;
        }

        try
        {
            message = subscription.Deserialize(delivery.Body)!;
            return message is not null && message.MessageId != Guid.Empty && message.OrderId != Guid.Empty;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot take message {MessageId} now (attempt {Attempt}); trying the same delivery again shortly")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} is about order {OrderId}, not known yet (attempt {Attempt}); trying the same delivery again shortly")]
    private static partial void LogOrderNotKnownYet(ILogger logger, Guid messageId, Guid orderId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} with routing key {RoutingKey} cannot be read; it was dead-lettered")]
    private static partial void LogUnreadable(ILogger logger, string routingKey, string? messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {RoutingKey} message {MessageId} of order {OrderId} failed; it will be redelivered until the delivery limit")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception, string routingKey, Guid messageId, Guid orderId);
}
