using System.Reflection;
using Jewelry.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// The service's own PostgreSQL database through Aspire.Npgsql (pooled data source, health check, traces and
    /// metrics), with its schema migrated at start-up from the SQL scripts embedded under
    /// <c>Data/Migrations</c> in <paramref name="migrationsAssembly"/>.
    /// </summary>
    public static TBuilder AddServiceDatabase<TBuilder>(this TBuilder builder, string connectionName, Assembly migrationsAssembly)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddNpgsqlDataSource(connectionName);

        // A hosted service registered before the web server starts blocks it until the schema is current.
        builder.Services.AddSingleton(DatabaseMigrationOptions.SharedMessaging);
        builder.Services.AddSingleton(DatabaseMigrationOptions.ServiceOwn(migrationsAssembly));
        builder.Services.AddHostedService<DatabaseMigrator>();

        return builder;
    }
}
