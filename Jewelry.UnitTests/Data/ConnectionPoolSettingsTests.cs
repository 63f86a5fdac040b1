using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jewelry.UnitTests.Data;

/// <summary>
/// A service's pool keeps the connections it opened (a fixed-size pool, for the pool's life) unless told otherwise:
/// Npgsql's pruning closed the idle ones every five minutes, and its one-hour lifetime retired all of them together
/// every hour; reopening them together stalled the system under steady load both times.
/// </summary>
public sealed class ConnectionPoolSettingsTests
{
    [Theory]
    [InlineData(null, null, null, 20, 20, 0)]
    [InlineData("8", null, null, 8, 8, 0)]
    [InlineData("20", "0", "01:00:00", 20, 0, 3600)]
    public void The_pool_keeps_as_many_connections_as_it_may_open_for_its_whole_life_unless_configured(
        string? max, string? min, string? lifetime, int expectedMax, int expectedMin, int expectedLifetimeSeconds)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ordersdb"] = "Host=localhost;Database=orders;Username=jewelry;Password=unused",
            [DatabaseExtensions.MaxPoolSizeKey] = max,
            [DatabaseExtensions.MinPoolSizeKey] = min,
            [DatabaseExtensions.ConnectionLifetimeKey] = lifetime,
        });
        builder.AddServiceDatabase("ordersdb", typeof(ConnectionPoolSettingsTests).Assembly);

        using var services = builder.Build();
        var connectionString = new NpgsqlConnectionStringBuilder(services.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal(expectedMax, connectionString.MaxPoolSize);
        Assert.Equal(expectedMin, connectionString.MinPoolSize);
        Assert.Equal(expectedLifetimeSeconds, connectionString.ConnectionLifetime);
    }
}
