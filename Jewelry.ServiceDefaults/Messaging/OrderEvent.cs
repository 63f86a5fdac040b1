namespace Jewelry.ServiceDefaults.Messaging;

/// <summary>
/// What every order event carries, whatever else it says: its own id (for deduplication), the order it is
/// about, and when it happened. Each service declares the events it publishes and consumes as records
/// deriving from this, so services share a wire format, not types.
/// </summary>
public abstract record OrderEvent
{
    public Guid MessageId { get; init; } = Guid.CreateVersion7();

    public required Guid OrderId { get; init; }

    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;
}
