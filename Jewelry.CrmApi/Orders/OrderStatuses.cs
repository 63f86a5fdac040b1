namespace Jewelry.CrmApi.Orders;

/// <summary>The statuses the CRM acts on.</summary>
public static class OrderStatuses
{
    public const string Submitted = nameof(Submitted);
    public const string PriceCalculated = nameof(PriceCalculated);
    public const string Approved = nameof(Approved);
    public const string Rejected = nameof(Rejected);
}
