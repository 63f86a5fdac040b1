using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Jewelry.ServiceDefaults.Security;

/// <summary>
/// How the three services validate bearer tokens (configuration section <c>Authentication:Jwt</c>). The signing
/// key comes from the AppHost's secret parameter <c>jwt-signing-key</c>, never from the repository.
/// </summary>
public sealed class JwtOptions
{
    public const string SectionName = "Authentication:Jwt";

    [Required]
    public string Issuer { get; set; } = "https://identity.alexandrite.example";

    [Required]
    public string Audience { get; set; } = "jewelry-apis";

    /// <summary>HMAC-SHA256 key; at least 32 characters.</summary>
    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = "";

    public SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}
