using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Jewelry.ServiceDefaults.Tracing;
using OpenTelemetry;
using RabbitMQ.Client;

namespace Jewelry.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox messages to RabbitMQ with publisher confirms, oldest first, then marks them
/// published. Delivery is at least once: a crash between the confirm and the mark publishes a message again,
/// which the consumers' inbox turns into a no-op.
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    IConnection broker,
    OutboxSignal signal,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long the broker may take to confirm one message before the batch is retried later.</summary>
    internal static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var channel = await broker.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            stoppingToken);
        await MessagingTopology.DeclareExchangesAsync(channel, stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(channel, stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRelayFailed(logger, exception);
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    private async Task<int> PublishBatchAsync(IChannel channel, CancellationToken cancellationToken)
    {
        // Polling the table is plumbing, not anybody's request: it stays out of the traces.
        using var untraced = SuppressInstrumentationScope.Begin();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // SKIP LOCKED lets several instances of a service relay side by side without publishing a row twice.
        var messages = (await connection.QueryAsync<OutboxMessage>(new CommandDefinition(
            """
            SELECT id AS Id, message_id AS MessageId, routing_key AS RoutingKey, payload::text AS Payload,
                   traceparent AS TraceParent, tracestate AS TraceState, baggage AS Baggage
            FROM outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT @BatchSize FOR UPDATE SKIP LOCKED
            """,
            new { BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();

        foreach (var message in messages)
        {
            await PublishAsync(channel, message, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET published_at = now() WHERE id = @Id", new { message.Id }, transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return messages.Count;
    }

    private static async Task PublishAsync(IChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        // The publish belongs to the trace of the request that wrote the message.
        using var trace = ContinuedTrace.Start(MessagingTelemetry.Source, $"outbox relay {message.RoutingKey}", message.TraceParent, message.TraceState);
        var activity = trace.Activity;
        foreach (var (key, value) in ParseBaggage(message.Baggage))
        {
            activity?.AddBaggage(key, value);
        }

        activity?.SetTag(MessagingTelemetry.MessageIdAttribute, message.MessageId.ToString());
        activity?.SetTag(MessagingTelemetry.OrderIdAttribute, activity.GetBaggageItem(MessagingTelemetry.OrderIdAttribute));

        var properties = new BasicProperties
        {
            MessageId = message.MessageId.ToString(),
            Type = message.RoutingKey,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };

        // With confirmation tracking on, this returns once the broker has the message and throws if it nacks.
        activity?.SetTag(OutgoingCallTimeouts.LimitAttribute, ConfirmTimeout.TotalSeconds);
        using var confirmDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        confirmDeadline.CancelAfter(ConfirmTimeout);
        try
        {
            await channel.BasicPublishAsync(OrderEventTopology.Exchange, message.RoutingKey, mandatory: false, properties,
                Encoding.UTF8.GetBytes(message.Payload), confirmDeadline.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            SpanExceptionRecorder.Record(activity, exception);
            activity?.SetTag("error.type", OutgoingCallTimeouts.ErrorType);
            activity?.SetTag(OutgoingCallTimeouts.KindAttribute, "publisher-confirm");
            activity?.SetStatus(ActivityStatusCode.Error, $"The broker did not confirm within {ConfirmTimeout.TotalSeconds:0} s.");
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SpanExceptionRecorder.RecordFailure(activity, exception);
            throw;
        }
    }

    private static IEnumerable<(string Key, string Value)> ParseBaggage(string? baggage) =>
        string.IsNullOrEmpty(baggage)
            ? []
            : baggage.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(item => item.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .Select(pair => (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])));

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing outbox messages failed; they stay in the outbox and are retried")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    private sealed record OutboxMessage(long Id, Guid MessageId, string RoutingKey, string Payload, string? TraceParent, string? TraceState, string? Baggage);
}
