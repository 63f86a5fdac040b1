using System.Collections.Concurrent;

namespace Jewelry.LoadTests.Workload;

/// <summary>
/// What the load has created in one variant's system and may act on next: placed orders a customer can follow,
/// priced orders a seller has seen on the worklist, and orders an operator can move on. Each order is offered
/// to a seller or an operator once, so two of them never act on the same order at the same time.
/// </summary>
public sealed class OrderBook
{
    private const int FollowedOrdersKept = 1_000;

    private readonly Lock _placedLock = new();
    private readonly List<(Customer Customer, Guid OrderId)> _placed = [];
    private readonly ConcurrentDictionary<Guid, byte> _offeredToSeller = new();
    private readonly ConcurrentDictionary<Guid, byte> _offeredToOperator = new();
    private readonly ConcurrentQueue<Guid> _toApprove = new();
    private readonly ConcurrentQueue<(Guid OrderId, string NextStatus)> _toMove = new();

    public void Placed(Customer customer, Guid orderId)
    {
        lock (_placedLock)
        {
            if (_placed.Count < FollowedOrdersKept)
            {
                _placed.Add((customer, orderId));
            }
            else
            {
                _placed[Random.Shared.Next(FollowedOrdersKept)] = (customer, orderId);
            }
        }
    }

    public (Customer Customer, Guid OrderId)? AnyPlaced(Random random)
    {
        lock (_placedLock)
        {
            return _placed.Count == 0 ? null : _placed[random.Next(_placed.Count)];
        }
    }

    public void OnWorklist(IEnumerable<Guid> orderIds)
    {
        foreach (var orderId in orderIds.Where(orderId => _offeredToSeller.TryAdd(orderId, 0)))
        {
            _toApprove.Enqueue(orderId);
        }
    }

    public bool TryTakeToApprove(out Guid orderId) => _toApprove.TryDequeue(out orderId);

    public void ReadyForProduction(IEnumerable<Guid> orderIds, string firstStatus)
    {
        foreach (var orderId in orderIds.Where(orderId => _offeredToOperator.TryAdd(orderId, 0)))
        {
            _toMove.Enqueue((orderId, firstStatus));
        }
    }

    public void MoveLater(Guid orderId, string nextStatus) => _toMove.Enqueue((orderId, nextStatus));

    public bool TryTakeToMove(out (Guid OrderId, string NextStatus) move) => _toMove.TryDequeue(out move);
}
