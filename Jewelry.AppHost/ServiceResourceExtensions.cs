namespace Jewelry.AppHost;

internal static class ServiceResourceExtensions
{
    public const string JwtSigningKeyParameter = "jwt-signing-key";
    public const string TraceHashKeyParameter = "trace-hash-key";

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

    /// <summary>
    /// The HMAC key that turns values such as e-mail addresses into the same hash in every service's spans, so
    /// support can correlate them without seeing them (Tracing:Redaction:HashKey). Generated like the JWT key.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddTraceHashKey(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter(
            TraceHashKeyParameter,
            new GenerateParameterDefault { MinLength = 32, Special = false },
            secret: true,
            persist: true);

    public static IResourceBuilder<ProjectResource> WithTraceHashKey(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> hashKey) =>
        service.WithEnvironment("Tracing__Redaction__HashKey", hashKey);

    public static IResourceBuilder<ProjectResource> WithTokenValidation(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> signingKey) =>
        service.WithEnvironment("Authentication__Jwt__SigningKey", signingKey);
}
