namespace Jewelry.AppHost.LocalProcesses;

/// <summary>Where Debian's postgresql and rabbitmq-server packages put the binaries the AppHost runs.</summary>
internal static class LocalBinaries
{
    private const string PostgresVersionsDirectory = "/usr/lib/postgresql";

    // The /usr/sbin wrapper insists on running as the rabbitmq user through su; the real script does not.
    public const string RabbitMQServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string RabbitMQControl = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    /// <summary>The bin directory of the newest installed PostgreSQL major version, if any.</summary>
    public static string? PostgresBinDirectory =>
        Directory.Exists(PostgresVersionsDirectory)
            ? Directory.GetDirectories(PostgresVersionsDirectory)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    public static IReadOnlyList<string> FindMissing()
    {
        var missing = new List<string>();
        if (PostgresBinDirectory is null)
        {
            missing.Add("PostgreSQL (postgresql-15)");
        }

        if (!File.Exists(RabbitMQServer))
        {
            missing.Add("RabbitMQ (rabbitmq-server)");
        }

        return missing;
    }
}
