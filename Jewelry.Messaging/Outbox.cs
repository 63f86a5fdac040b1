using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Jewelry.Contracts.Orders;
using Npgsql;

namespace Jewelry.Messaging;

/// <summary>
/// Writes an order event into the outbox table inside the caller's transaction. The relay publishes it once
/// the transaction has committed; the current trace context is stored with it so that the publish, and every
/// consumer after it, continue the trace of the request that caused it. After committing, call
/// <see cref="OutboxSignal.Notify"/> so the relay publishes at once rather than at its next poll.
/// </summary>
public static class Outbox
{
    public static async Task EnqueueAsync<TEvent>(
        string routingKey, TEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        where TEvent : OrderEvent
    {
        var activity = Activity.Current;
        var baggage = activity?.Baggage.Any() == true
            ? string.Join(',', activity.Baggage.Select(item => $"{Uri.EscapeDataString(item.Key)}={Uri.EscapeDataString(item.Value ?? "")}"))
            : null;

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO outbox_messages (message_id, routing_key, payload, traceparent, tracestate, baggage)
            VALUES (@MessageId, @RoutingKey, @Payload::jsonb, @TraceParent, @TraceState, @Baggage)
            """,
            new
            {
                message.MessageId,
                RoutingKey = routingKey,
                Payload = JsonSerializer.Serialize(message, MessagingTelemetry.Json),
                TraceParent = activity?.Id,
                TraceState = activity?.TraceStateString,
                Baggage = baggage,
            },
            transaction,
            cancellationToken: cancellationToken));
    }
}
