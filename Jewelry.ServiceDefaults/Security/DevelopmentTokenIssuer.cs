using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jewelry.ServiceDefaults.Security;

/// <summary>
/// Signs tokens with the shared development key so the APIs can be tried from their OpenAPI UI and driven by
/// tests. It stands in for the identity provider a real deployment would use, and is reachable only through
/// an endpoint mapped in Development.
/// </summary>
public sealed class DevelopmentTokenIssuer(IOptions<JwtOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public string Issue(string userId, string role)
    {
        var jwt = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Subject = new ClaimsIdentity([new Claim(JwtClaims.UserId, userId), new Claim(JwtClaims.Role, role)]),
            SigningCredentials = new SigningCredentials(jwt.CreateSigningKey(), SecurityAlgorithms.HmacSha256),
        });
    }
}
