using System.ComponentModel.DataAnnotations;

namespace Jewelry.MesApi.Production;

public sealed record ProductionOrderQuery
{
    /// <summary>Only orders in this status; empty lists all.</summary>
    [AllowedValues(null,
        ProductionStatus.Submitted, ProductionStatus.PriceCalculated, ProductionStatus.Approved,
        ProductionStatus.InProduction, ProductionStatus.QualityCheck, ProductionStatus.Completed,
        ProductionStatus.Rejected, ProductionStatus.Cancelled)]
    public string? Status { get; init; }
}
