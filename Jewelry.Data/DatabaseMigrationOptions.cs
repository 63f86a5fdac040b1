using System.Reflection;

namespace Jewelry.Data;

/// <summary>
/// One set of migration scripts: SQL files embedded under <c>Data/Migrations</c> of an assembly, with their own
/// Evolve history table, so a service's own tables and the messaging tables (Jewelry.Messaging) are versioned apart.
/// </summary>
public sealed record DatabaseMigrationOptions(Assembly MigrationsAssembly, string HistoryTable)
{
    public string ResourcePrefix => $"{MigrationsAssembly.GetName().Name}.Data.Migrations.";

    public static DatabaseMigrationOptions ServiceOwn(Assembly serviceAssembly) => new(serviceAssembly, "changelog");
}
