using System.ComponentModel.DataAnnotations;

namespace Jewelry.ServiceDefaults.Security;

/// <summary>The roles a Jewelry token can carry; each endpoint names the ones allowed to call it.</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Seller = "seller";
    public const string Operator = "operator";
    public const string Partner = "partner";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Customer, Seller, Operator, Partner, Admin];
}

/// <summary>
/// A property that names one of the <see cref="Roles"/>: the OpenAPI documents show them as its <c>enum</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RoleAttribute() : AllowedValuesAttribute([.. Roles.All]);
