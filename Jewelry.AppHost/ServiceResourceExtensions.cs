namespace Jewelry.AppHost;

/// <summary>The keys every service shares: the one that signs bearer tokens, and the one that hashes traced values.</summary>
public sealed record ServiceKeys(IResourceBuilder<ParameterResource> JwtSigningKey, IResourceBuilder<ParameterResource> TraceHashKey);

internal static class ServiceResourceExtensions
{
    public const string JwtSigningKeyParameter = "jwt-signing-key";
    public const string TraceHashKeyParameter = "trace-hash-key";

    /// <summary>
    /// The key the services validate bearer tokens with, and the HMAC key that turns values such as e-mail addresses
    /// into the same hash in every service's spans, so support can correlate them without seeing them
    /// (Tracing:Redaction:HashKey). Aspire generates both on first run and keeps them in the AppHost's user secrets,
    /// so they are never in the repository; a deployment supplies its own. Added once per application.
    /// </summary>
    public static ServiceKeys GetOrAddServiceKeys(this IDistributedApplicationBuilder builder) =>
        new(builder.GetOrAddSecret(JwtSigningKeyParameter, minLength: 64), builder.GetOrAddSecret(TraceHashKeyParameter, minLength: 32));

    public static IResourceBuilder<ProjectResource> WithServiceKeys(this IResourceBuilder<ProjectResource> service, ServiceKeys keys) =>
        service
            .WithEnvironment("Authentication__Jwt__SigningKey", keys.JwtSigningKey)
            .WithEnvironment("Tracing__Redaction__HashKey", keys.TraceHashKey);

    private static IResourceBuilder<ParameterResource> GetOrAddSecret(this IDistributedApplicationBuilder builder, string name, int minLength) =>
        builder.Resources.OfType<ParameterResource>().SingleOrDefault(parameter => parameter.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);
}
