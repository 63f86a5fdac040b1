using System.ComponentModel.DataAnnotations;

namespace Jewelry.CrmApi.Customers;

public sealed record CustomerSearch
{
    /// <summary>A part of the customer's name or e-mail, case-insensitive; empty lists everyone.</summary>
    [StringLength(100)]
    public string? Search { get; init; }
}
