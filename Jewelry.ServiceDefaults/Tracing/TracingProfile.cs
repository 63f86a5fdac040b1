using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// How much of Jewelry's tracing a service runs (configuration key <c>Tracing:Profile</c>). <see cref="Full"/> is the
/// product. <see cref="Stock"/> keeps only what the Aspire ServiceDefaults template gives (stock instrumentation and
/// OTLP export) and leaves out the enrichers, input capture, export lanes and redaction, so the load benchmark can
/// measure what they cost. Without redaction spans may carry personal data: Production refuses it.
/// </summary>
public enum TracingProfile
{
    Full,
    Stock,
}

public static class TracingProfileConfiguration
{
    public const string Key = "Tracing:Profile";

    public static TracingProfile GetTracingProfile(this IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return TracingProfile.Full;
        }

        if (!Enum.TryParse<TracingProfile>(value, ignoreCase: true, out var profile) || !Enum.IsDefined(profile))
        {
            throw new InvalidOperationException($"{Key}='{value}' is not known. Use one of: {string.Join(", ", Enum.GetNames<TracingProfile>())}.");
        }

        if (profile == TracingProfile.Stock && environment.IsProduction())
        {
            throw new InvalidOperationException($"{Key}={profile} turns redaction off, which Production never does.");
        }

        return profile;
    }
}
