namespace Jewelry.ShopApi.Crm;

/// <summary>What the Shop needs to know of a customer from the CRM.</summary>
public sealed record CrmCustomer(Guid Id, string Tier, decimal DiscountPercent);
