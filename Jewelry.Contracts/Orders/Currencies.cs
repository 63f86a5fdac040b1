namespace Jewelry.Contracts.Orders;

/// <summary>The currency prices are in: one, for now, in every service.</summary>
public static class Currencies
{
    public const string Default = "EUR";
}
