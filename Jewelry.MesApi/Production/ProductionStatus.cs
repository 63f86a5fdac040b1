using Jewelry.Contracts.Orders;
using Jewelry.Contracts.Validation;

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

    /// <summary>Every status an operator may move an order to, in the order of <see cref="OrderStatuses.All"/>.</summary>
    public static IReadOnlyList<string> OperatorTargets { get; } =
        [.. OrderStatuses.All.Where(status => OperatorTransitions.Values.Any(next => next.Contains(status)))];

    public static bool OperatorMayMove(string from, string to) =>
        OperatorTransitions.TryGetValue(from, out var next) && next.Contains(to);
}

/// <summary>A property that names a status an operator may move an order to (<see cref="ProductionStatus.OperatorTargets"/>).</summary>
public sealed class OperatorTargetStatusAttribute() : OneOfAttribute(ProductionStatus.OperatorTargets);
