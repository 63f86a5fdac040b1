using Jewelry.ServiceDefaults.Messaging;

namespace Jewelry.MesApi.Messaging;

/// <summary>Published when MES has priced an order (<c>order.price-calculated</c>).</summary>
public sealed record OrderPriceCalculated : OrderEvent
{
    public required decimal Price { get; init; }

    public required string Currency { get; init; }
}

/// <summary>Published on every status change MES makes (<c>order.status-changed</c>).</summary>
public sealed record OrderStatusChanged : OrderEvent
{
    public required string Status { get; init; }
}

/// <summary>The CRM's <c>order.approved</c> and <c>order.rejected</c>, as MES reads them.</summary>
public sealed record OrderDecided : OrderEvent
{
    public string? Reason { get; init; }
}
