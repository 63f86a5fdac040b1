using Jewelry.Contracts.Validation;

namespace Jewelry.Contracts.Orders;

/// <summary>
/// The statuses of an order, in the order it normally passes through them, as every service and every event
/// spells them: Submitted -> PriceCalculated -> Approved -> InProduction -> QualityCheck -> Completed, or
/// Rejected / Cancelled. A customer may cancel while an order is Submitted or PriceCalculated (CancellableByCustomer).
/// </summary>
public static class OrderStatuses
{
    public const string Submitted = nameof(Submitted);
    public const string PriceCalculated = nameof(PriceCalculated);
    public const string Approved = nameof(Approved);
    public const string InProduction = nameof(InProduction);
    public const string QualityCheck = nameof(QualityCheck);
    public const string Completed = nameof(Completed);
    public const string Rejected = nameof(Rejected);
    public const string Cancelled = nameof(Cancelled);

    public static IReadOnlyList<string> All { get; } =
        [Submitted, PriceCalculated, Approved, InProduction, QualityCheck, Completed, Rejected, Cancelled];

    /// <summary>The statuses in which the customer may still cancel: no seller has approved the order yet.</summary>
    public static IReadOnlyList<string> CancellableByCustomer { get; } = [Submitted, PriceCalculated];
}

/// <summary>A property that names one of the <see cref="OrderStatuses"/>.</summary>
public sealed class OrderStatusAttribute() : OneOfAttribute(OrderStatuses.All);
