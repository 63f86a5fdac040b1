namespace Jewelry.ServiceDefaults.Security;

/// <summary>The claim names Jewelry tokens use (plain JWT names; inbound claim mapping is off).</summary>
public static class JwtClaims
{
    public const string UserId = "sub";
    public const string Role = "role";
}
