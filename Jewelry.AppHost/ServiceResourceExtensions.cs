namespace Jewelry.AppHost;

internal static class ServiceResourceExtensions
{
    public const string JwtSigningKeyParameter = "jwt-signing-key";

    /// <summary>
    /// The key the services validate bearer tokens with. Aspire generates it on first run and keeps it in the
    /// AppHost's user secrets, so it is never in the repository; a deployment supplies its own.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddJwtSigningKey(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter(
            JwtSigningKeyParameter,
            new GenerateParameterDefault { MinLength = 64, Special = false },
            secret: true,
            persist: true);

    public static IResourceBuilder<ProjectResource> WithTokenValidation(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> signingKey) =>
        service.WithEnvironment("Authentication__Jwt__SigningKey", signingKey);
}
