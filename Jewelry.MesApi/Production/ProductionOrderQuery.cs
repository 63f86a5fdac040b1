using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Production;

public sealed record ProductionOrderQuery
{
    /// <summary>Only orders in this status; empty lists all.</summary>
    [OrderStatus]
    public string? Status { get; init; }
}
