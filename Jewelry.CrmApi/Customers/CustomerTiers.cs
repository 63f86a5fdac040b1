namespace Jewelry.CrmApi.Customers;

/// <summary>Customer tiers and the discount each gives on an order.</summary>
public static class CustomerTiers
{
    public const string Standard = "standard";
    public const string Silver = "silver";
    public const string Gold = "gold";
    public const string Platinum = "platinum";

    public static decimal DiscountPercentOf(string tier) => tier switch
    {
        Silver => 3m,
        Gold => 5m,
        Platinum => 10m,
        _ => 0m,
    };
}
