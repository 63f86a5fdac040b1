namespace Jewelry.Contracts.Orders;

/// <summary>
/// What every order event carries, whatever else it says: its own id (for deduplication), the order it is
/// about, and when it happened. The events themselves are in OrderEvents.cs; they travel as camelCase JSON.
/// </summary>
public abstract record OrderEvent
{
    public Guid MessageId { get; init; } = Guid.CreateVersion7();

    public required Guid OrderId { get; init; }

    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;
}
