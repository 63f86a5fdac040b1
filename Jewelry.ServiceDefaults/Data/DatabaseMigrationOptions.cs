using System.Reflection;

namespace Jewelry.ServiceDefaults.Data;

/// <summary>Where a service keeps its migration scripts: embedded resources under <c>Data/Migrations</c>.</summary>
public sealed record DatabaseMigrationOptions(Assembly MigrationsAssembly)
{
    public string ResourcePrefix => $"{MigrationsAssembly.GetName().Name}.Data.Migrations.";
}
