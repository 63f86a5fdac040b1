using System.ComponentModel.DataAnnotations;

namespace Jewelry.CrmApi.Customers;

/// <summary>A new customer, as a seller enters them.</summary>
public sealed record CreateCustomerRequest(
    [property: Required, StringLength(200, MinimumLength = 2)] string FullName,
    [property: Required, EmailAddress, StringLength(254)] string Email,
    [property: Phone, StringLength(32)] string? Phone,
    [property: CustomerTier] string? Tier);
