using Microsoft.Extensions.Configuration;

namespace Jewelry.AppHost;

/// <summary>
/// Whether PostgreSQL runs with a streaming standby (AppHost configuration <c>PostgreSQL:Standby</c>, false by default
/// so F5 stays one server). The standby is synchronous: a commit returns once the standby has the WAL, so promoting it
/// loses nothing acknowledged. LocalProcesses mode only; in production the database service's own replication is the
/// place for one (docs/operations.md).
/// </summary>
public static class DatabaseStandby
{
    public const string ConfigurationKey = "PostgreSQL:Standby";

    public static bool From(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (value is null)
        {
            return false;
        }

        return bool.TryParse(value, out var standby)
            ? standby
            : throw new InvalidOperationException($"{ConfigurationKey} is '{value}'; it must be true or false.");
    }
}
