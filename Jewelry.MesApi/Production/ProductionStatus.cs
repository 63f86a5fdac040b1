using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Production;

/// <summary>The moves operators make on the shop floor.</summary>
public static class ProductionStatus
{
    /// <summary>From a status to the statuses that may follow it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> OperatorTransitions = new Dictionary<string, string[]>
    {
        [OrderStatuses.Approved] = [OrderStatuses.InProduction, OrderStatuses.Cancelled],
        [OrderStatuses.InProduction] = [OrderStatuses.QualityCheck, OrderStatuses.Cancelled],
        // A piece that fails the check goes back to the bench.
        [OrderStatuses.QualityCheck] = [OrderStatuses.Completed, OrderStatuses.InProduction],
    };

    public static bool OperatorMayMove(string from, string to) =>
        OperatorTransitions.TryGetValue(from, out var next) && next.Contains(to);
}
