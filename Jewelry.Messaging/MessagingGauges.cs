using Jewelry.Data;

namespace Jewelry.Messaging;

/// <summary>
/// What operations watch of the messaging plumbing, on the meter <c>Jewelry.Messaging</c> of every service that
/// publishes or consumes (the resource's <c>service.name</c> tells them apart). Row counts are PostgreSQL's live-row
/// statistics: cheap, and close enough to see a table that stopped shrinking.
/// </summary>
public static class MessagingGauges
{
    public const string MeterName = "Jewelry.Messaging";

    public static DatabaseGauge[] All { get; } =
    [
        new("jewelry.outbox.pending", "{message}", "Outbox messages committed and not yet published to RabbitMQ.",
            "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"),
        new("jewelry.outbox.oldest_pending.age", "s", "How long the oldest unpublished outbox message has waited (0 when none waits).",
            "SELECT extract(epoch FROM now() - min(created_at)) FROM outbox_messages WHERE published_at IS NULL"),
        new("jewelry.outbox.rows", "{row}", "Rows in the outbox table, published or not (retention keeps it bounded).",
            "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'outbox_messages'"),
        new("jewelry.inbox.rows", "{row}", "Rows in the inbox table, one per message handled (retention keeps it bounded).",
            "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'inbox_messages'"),
    ];
}
