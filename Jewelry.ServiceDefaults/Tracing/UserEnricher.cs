using System.Diagnostics;
using System.Security.Claims;
using Jewelry.ServiceDefaults.Security;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Who made the request, from the validated token only (never from a header the client sets): <c>user.id</c>
/// and <c>user.roles</c> (OpenTelemetry semantic conventions), and <c>jewelry.user.authenticated</c>, which says
/// so plainly when the caller is anonymous.
/// </summary>
internal static class UserEnricher
{
    public const string UserIdAttribute = "user.id";
    public const string UserRolesAttribute = "user.roles";
    public const string AuthenticatedAttribute = "jewelry.user.authenticated";

    public static void Enrich(Activity activity, ClaimsPrincipal user)
    {
        var authenticated = user.Identity?.IsAuthenticated == true;
        activity.SetTag(AuthenticatedAttribute, authenticated);
        if (!authenticated)
        {
            return;
        }

        activity.SetTag(UserIdAttribute, user.FindFirstValue(JwtClaims.UserId));
        activity.SetTag(UserRolesAttribute, user.FindAll(JwtClaims.Role).Select(role => role.Value).ToArray());
    }
}
