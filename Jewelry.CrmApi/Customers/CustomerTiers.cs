using Jewelry.Contracts.Validation;

namespace Jewelry.CrmApi.Customers;

/// <summary>Customer tiers and the discount each gives on an order.</summary>
public static class CustomerTiers
{
    public const string Standard = "standard";
    public const string Silver = "silver";
    public const string Gold = "gold";
    public const string Platinum = "platinum";

    public static IReadOnlyList<string> All { get; } = [Standard, Silver, Gold, Platinum];

    public static decimal DiscountPercentOf(string tier) => tier switch
    {
        Silver => 3m,
        Gold => 5m,
        Platinum => 10m,
        _ => 0m,
    };
}

/// <summary>A property that names one of the <see cref="CustomerTiers"/>.</summary>
public sealed class CustomerTierAttribute() : OneOfAttribute(CustomerTiers.All);
