using System.Security.Claims;
using Jewelry.ServiceDefaults.Security;

namespace Jewelry.ShopApi.Apis;

internal static class CustomerClaims
{
    /// <summary>A customer's user id is their customer id in the CRM; false when the token's subject is not one.</summary>
    public static bool TryGetCustomerId(this ClaimsPrincipal user, out Guid customerId) =>
        Guid.TryParse(user.FindFirstValue(JwtClaims.UserId), out customerId);
}
