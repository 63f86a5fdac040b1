using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Jewelry.Messaging.BackgroundWork;
using Jewelry.ServiceDefaults.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using RabbitMQ.Client;

namespace Jewelry.Messaging;

/// <summary>
/// Publishes committed outbox messages to RabbitMQ with publisher confirms, oldest first, then marks them
/// published. Delivery is at least once: a crash between the confirm and the mark publishes a message again,
/// which the consumers' inbox turns into a no-op.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IConnection broker,
    OutboxSignal signal,
    ILogger<OutboxRelay> logger) : PollingWorker(logger)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>How long the broker may take to confirm one message before the batch is retried later.</summary>
    internal static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(5);

    private IChannel? _channel;

    /// <summary>Messages whose trace already shows that the broker could not be reached, until they are published.</summary>
    private readonly HashSet<Guid> _waitingForBroker = [];

    protected override string WorkName => "Publishing outbox messages";

    protected override async Task<RoundOutcome> RunRoundAsync(CancellationToken stoppingToken) =>
        RoundOutcomes.After(await PublishBatchAsync(stoppingToken), BatchSize);

    protected override Task WaitForNextRoundAsync(CancellationToken stoppingToken) =>
        signal.WaitAsync(PollInterval, stoppingToken);

    public override void Dispose()
    {
        _channel?.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// The relay's confirming channel, opened again when the broker closed it: until then the rows stay in the
    /// outbox, and a broker that is not up yet only delays the first round.
    /// </summary>
    private async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsClosed: false })
        {
            return _channel;
        }

        _channel?.Dispose();
        _channel = null;
        var channel = await broker.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        try
        {
            await MessagingTopology.DeclareExchangesAsync(channel, cancellationToken);
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }

        return _channel = channel;
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        // Polling the table is plumbing, not anybody's request: it stays out of the traces.
        using var untraced = SuppressInstrumentationScope.Begin();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // The channel first, so that no row stays locked while the broker is slow to open one or away.
        IChannel channel;
        try
        {
            channel = await OpenChannelAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Read under SKIP LOCKED and let go at once: a row another instance's relay has locked is being published
            // by it, and this relay's trace must not claim a failed attempt on it.
            List<OutboxMessage> waiting;
            await using (var peek = await connection.BeginTransactionAsync(cancellationToken))
            {
                waiting = await PendingAsync(connection, peek, cancellationToken);
            }

            if (waiting.Count == 0)
            {
                return 0;
            }

            RecordBrokerUnreachable(waiting, exception);
            throw;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var messages = await PendingAsync(connection, transaction, cancellationToken);
        if (messages.Count == 0)
        {
            return 0;
        }

        // The whole batch is in flight at once and its confirms are awaited together: one broker round trip per
        // batch instead of one per message. Rows the broker confirmed are marked even when others failed.
        var publishes = messages.Select(message => PublishAsync(channel, message, cancellationToken)).ToList();
        var confirmed = Task.WhenAll(publishes);
        await confirmed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var published = messages.Where((_, index) => publishes[index].IsCompletedSuccessfully).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_messages SET published_at = now() WHERE id = ANY(@Ids)", new { Ids = published.Select(message => message.Id).ToArray() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        _waitingForBroker.ExceptWith(published.Select(message => message.MessageId));

        // A failed publish fails the round (logged, retried after the wait) once the confirmed rows are marked.
        await confirmed;
        return messages.Count;
    }

    /// <summary>
    /// The oldest unpublished messages that no other relay holds, locked until the transaction ends: SKIP LOCKED lets
    /// several instances of a service relay side by side without publishing a row twice.
    /// </summary>
    private static async Task<List<OutboxMessage>> PendingAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<OutboxMessage>(new CommandDefinition(
            """
            SELECT id AS Id, message_id AS MessageId, routing_key AS RoutingKey, payload::text AS Payload,
                   traceparent AS TraceParent, tracestate AS TraceState, baggage AS Baggage
            FROM outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT @BatchSize FOR UPDATE SKIP LOCKED
            """,
            new { BatchSize }, transaction, cancellationToken: cancellationToken))).AsList();

    /// <summary>
    /// Without a channel nothing is published, and each message's trace says why, once: the rounds after it, until the
    /// broker is back, would only repeat it. The retry that publishes it follows in the same trace.
    /// </summary>
    private void RecordBrokerUnreachable(IEnumerable<OutboxMessage> messages, Exception exception)
    {
        foreach (var message in messages.Where(message => _waitingForBroker.Add(message.MessageId)))
        {
            using var attempt = StartAttempt(message);
            SpanExceptionRecorder.RecordFailure(attempt.Activity, exception);
        }
    }

    /// <summary>The span of one attempt to publish the message, in the trace of the request that wrote it.</summary>
    private static ContinuedTrace StartAttempt(OutboxMessage message)
    {
        var trace = ContinuedTrace.Start(MessagingTelemetry.Source, $"outbox relay {message.RoutingKey}", message.TraceParent, message.TraceState);
        var activity = trace.Activity;
        foreach (var (key, value) in ParseBaggage(message.Baggage))
        {
            activity?.AddBaggage(key, value);
        }

        activity?.SetTag(MessagingTelemetry.MessageIdAttribute, message.MessageId.ToString());
        activity?.SetTag(OrderTrace.OrderIdAttribute, activity.GetBaggageItem(OrderTrace.OrderIdAttribute));
        return trace;
    }

    private static async Task PublishAsync(IChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        using var trace = StartAttempt(message);
        var activity = trace.Activity;

        var properties = new BasicProperties
        {
            MessageId = message.MessageId.ToString(),
            Type = message.RoutingKey,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };

        // With confirmation tracking on, this returns once the broker has the message and throws if it nacks.
        activity?.SetTag(TimeoutAttributes.Limit, ConfirmTimeout.TotalSeconds);
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
            activity?.SetTag("error.type", TimeoutAttributes.ErrorType);
            activity?.SetTag(TimeoutAttributes.Kind, "publisher-confirm");
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

    private sealed record OutboxMessage(long Id, Guid MessageId, string RoutingKey, string Payload, string? TraceParent, string? TraceState, string? Baggage);
}
