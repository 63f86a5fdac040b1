using System.ComponentModel.DataAnnotations;
using Jewelry.Contracts.Orders;

namespace Jewelry.MesApi.Production;

public sealed record ProductionOrderQuery
{
    /// <summary>Only orders in this status; empty lists all.</summary>
    [AllowedValues(null,
        OrderStatuses.Submitted, OrderStatuses.PriceCalculated, OrderStatuses.Approved,
        OrderStatuses.InProduction, OrderStatuses.QualityCheck, OrderStatuses.Completed,
        OrderStatuses.Rejected, OrderStatuses.Cancelled)]
    public string? Status { get; init; }
}
