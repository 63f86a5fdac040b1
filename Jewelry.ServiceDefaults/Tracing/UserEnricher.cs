using System.Collections.Concurrent;
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

    private static readonly object True = true;
    private static readonly object False = false;

    // The roles are a handful of names: one array each, shared by every span of a one-role user.
    private static readonly ConcurrentDictionary<string, string[]> SingleRoles = new(StringComparer.Ordinal);

    public static void Enrich(Activity activity, ClaimsPrincipal user)
    {
        var authenticated = user.Identity?.IsAuthenticated == true;
        activity.SetTag(AuthenticatedAttribute, authenticated ? True : False);
        if (!authenticated)
        {
            return;
        }

        // One pass over the claims for both: the user id is the first subject, the roles are all role claims.
        string? userId = null, single = null;
        List<string>? several = null;
        foreach (var claim in user.Claims)
        {
            if (claim.Type == JwtClaims.UserId)
            {
                userId ??= claim.Value;
            }
            else if (claim.Type == JwtClaims.Role)
            {
                if (single is null)
                {
                    single = claim.Value;
                }
                else
                {
                    (several ??= [single]).Add(claim.Value);
                }
            }
        }

        activity.SetTag(UserIdAttribute, userId);
        activity.SetTag(UserRolesAttribute, several is not null ? [.. several]
            : single is null ? []
            : SingleRoles.Count < 64 ? SingleRoles.GetOrAdd(single, role => [role])
            : [single]);
    }
}
