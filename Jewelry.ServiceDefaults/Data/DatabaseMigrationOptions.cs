using System.Reflection;

namespace Jewelry.ServiceDefaults.Data;

/// <summary>
/// One set of migration scripts: SQL files embedded under <c>Data/Migrations</c> of an assembly, with their own
/// Evolve history table, so the shared messaging tables and a service's own tables are versioned apart.
/// </summary>
public sealed record DatabaseMigrationOptions(Assembly MigrationsAssembly, string HistoryTable)
{
    public string ResourcePrefix => $"{MigrationsAssembly.GetName().Name}.Data.Migrations.";

    /// <summary>The outbox and inbox tables every service has.</summary>
    public static DatabaseMigrationOptions SharedMessaging { get; } =
        new(typeof(DatabaseMigrationOptions).Assembly, "changelog_messaging");

    public static DatabaseMigrationOptions ServiceOwn(Assembly serviceAssembly) => new(serviceAssembly, "changelog");
}
