using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jewelry.UnitTests.Data;

/// <summary>
/// A service's pool keeps the connections it opened (a fixed-size pool) unless told otherwise: Npgsql's pruning closed
/// the idle ones every five minutes, and reopening them together stalled the system under steady load.
/// </summary>
public sealed class ConnectionPoolSettingsTests
{
    [Theory]
    [InlineData(null, null, 20, 20)]
    [InlineData("8", null, 8, 8)]
    [InlineData("20", "0", 20, 0)]
    public void The_pool_keeps_as_many_connections_as_it_may_open_unless_configured(string? max, string? min, int expectedMax, int expectedMin)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ordersdb"] = "Host=localhost;Database=orders;Username=jewelry;Password=unused",
            [DatabaseExtensions.MaxPoolSizeKey] = max,
            [DatabaseExtensions.MinPoolSizeKey] = min,
        });
        builder.AddServiceDatabase("ordersdb", typeof(ConnectionPoolSettingsTests).Assembly);

        using var services = builder.Build();
        var connectionString = new NpgsqlConnectionStringBuilder(services.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal(expectedMax, connectionString.MaxPoolSize);
        Assert.Equal(expectedMin, connectionString.MinPoolSize);
    }
}
