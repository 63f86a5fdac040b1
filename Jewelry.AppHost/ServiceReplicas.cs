using Microsoft.Extensions.Configuration;

namespace Jewelry.AppHost;

/// <summary>
/// How many processes run each API (AppHost configuration <c>Services:Replicas</c>, 1 by default so F5 stays as
/// fast as it was). Aspire puts a proxy in front of a service's replicas, so callers keep one address; each replica
/// has its own <c>service.instance.id</c> in its spans.
/// </summary>
public static class ServiceReplicas
{
    public const string ConfigurationKey = "Services:Replicas";
    public const int Max = 8;

    public static int From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (value is null)
        {
            return 1;
        }

        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var replicas) && replicas is >= 1 and <= Max
            ? replicas
            : throw new InvalidOperationException($"{ConfigurationKey} is '{value}'; it must be a whole number from 1 to {Max}.");
    }
}
