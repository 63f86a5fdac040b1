namespace Jewelry.Messaging;

/// <summary>Configuration section <c>Messaging:Retention</c>: how long the outbox and inbox keep handled messages.</summary>
public sealed class MessagingRetentionOptions
{
    public const string SectionName = "Messaging:Retention";

    /// <summary>
    /// Published outbox rows and inbox rows older than this are deleted. It must be longer than any redelivery can
    /// reach back (RabbitMQ's redeliveries, the relay's retries, a dead-letter queue replayed by hand): a message
    /// redelivered after its inbox row is gone would be handled a second time.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Rows deleted per statement: short transactions that never hold up the relay or the consumer.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>How long the job waits after a round that found less than a batch to delete.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}
