using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.Configuration;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// <c>PostgreSQL:Standby=true</c> runs a synchronous streaming standby beside the primary and gives every service a
/// connection string naming both, targeting the primary; by default there is one server, as at F5.
/// </summary>
public sealed class DatabaseStandbyWiringTests
{
    private static readonly string[] Databases = [ResourceNames.ShopDatabase, ResourceNames.CrmDatabase, ResourceNames.MesDatabase];

    [Fact]
    public async Task By_default_one_server_runs_and_the_databases_name_it_alone()
    {
        await using var model = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses");

        Assert.Empty(model.Resources.OfType<LocalPostgresStandbyResource>());
        var primary = model.Resource<LocalPostgresServerResource>(ResourceNames.Postgres);
        Assert.True(Assert.Single(primary.Annotations.OfType<EndpointAnnotation>()).IsProxied);
        Assert.DoesNotContain("PG_SYNCHRONOUS_STANDBY_NAMES", (await model.DeclaredEnvironmentOf(ResourceNames.Postgres)).Keys);
        foreach (var database in Databases)
        {
            Assert.DoesNotContain("Target Session Attributes", model.Resource<LocalPostgresDatabaseResource>(database).ConnectionStringExpression.ValueExpression, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_standby_copies_the_primary_which_waits_for_it_and_the_services_connect_to_both_targeting_the_primary()
    {
        await using var model = await AppHostModel.BuildAsync(
            $"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses", $"{DatabaseStandby.ConfigurationKey}=true");

        var primary = model.Resource<LocalPostgresServerResource>(ResourceNames.Postgres);
        var standby = model.Resource<LocalPostgresStandbyResource>(ResourceNames.PostgresStandby);
        Assert.Same(standby, primary.Standby);
        Assert.NotEqual(primary.DataDirectory, standby.DataDirectory);
        Assert.Contains(standby.Annotations.OfType<ResourceCommandAnnotation>(), command => command.Name == StandbyPromotion.CommandName);

        // Neither behind a proxy, which would accept connections for a stopped server.
        Assert.False(Assert.Single(primary.Annotations.OfType<EndpointAnnotation>()).IsProxied);
        Assert.False(Assert.Single(standby.Annotations.OfType<EndpointAnnotation>()).IsProxied);

        var primaryEnvironment = await model.DeclaredEnvironmentOf(ResourceNames.Postgres);
        Assert.Equal("*", primaryEnvironment["PG_SYNCHRONOUS_STANDBY_NAMES"]);
        var standbyEnvironment = await model.DeclaredEnvironmentOf(ResourceNames.PostgresStandby);
        Assert.Equal(primary.DataDirectory, standbyEnvironment["PG_PRIMARY_SOCKET_DIR"]);
        Assert.Same(primary, Assert.IsType<EndpointReferenceExpression>(standbyEnvironment["PG_PRIMARY_PORT"]).Endpoint.Resource);
        Assert.Equal(primaryEnvironment["PG_MAX_CONNECTIONS"], standbyEnvironment["PG_MAX_CONNECTIONS"]);
        Assert.DoesNotContain("POSTGRES_PASSWORD", standbyEnvironment.Keys);

        foreach (var database in Databases)
        {
            var connectionString = model.Resource<LocalPostgresDatabaseResource>(database).ConnectionStringExpression;
            Assert.Contains("Target Session Attributes=primary", connectionString.ValueExpression, StringComparison.Ordinal);
            var hosts = connectionString.ValueProviders.OfType<ReferenceExpression>().Single().ValueProviders
                .OfType<EndpointReferenceExpression>().Select(endpoint => endpoint.Endpoint.Resource).Distinct().ToList();
            Assert.Equal<IResource>([primary, standby], hosts);
        }

        foreach (var service in ResourceNames.Services)
        {
            Assert.Contains(model.Resource<ProjectResource>(service).Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == standby);
        }
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    public void A_value_that_is_not_true_or_false_is_refused_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseStandby.ConfigurationKey] = value })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => DatabaseStandby.From(configuration));

        Assert.Contains(DatabaseStandby.ConfigurationKey, error.Message, StringComparison.Ordinal);
    }
}
