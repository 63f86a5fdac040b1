using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;

namespace Jewelry.Tests.AppHostModel;

/// <summary>Fault injection is configured per service from the AppHost and switchable from the dashboard.</summary>
public sealed class FaultInjectionWiringTests
{
    [Fact]
    public async Task A_services_section_in_the_apphost_configuration_becomes_that_services_fault_rules_and_no_other()
    {
        await using var model = await AppHostModel.BuildAsync(
            $"{InfrastructureModeSelector.ConfigurationKey}={InfrastructureMode.LocalProcesses}",
            "FaultInjection:crm-api:Rules:0:Target=GET /api/customers/{id:guid}",
            "FaultInjection:crm-api:Rules:0:Latency=00:00:05");

        var crm = await model.PublishedEnvironmentOf(ResourceNames.CrmApi);
        Assert.Equal("GET /api/customers/{id:guid}", crm["FaultInjection__Rules__0__Target"]);
        Assert.Equal("00:00:05", crm["FaultInjection__Rules__0__Latency"]);
        var shop = await model.PublishedEnvironmentOf(ResourceNames.ShopApi);
        Assert.DoesNotContain(shop.Keys, key => key.StartsWith("FaultInjection__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_service_has_the_dashboard_commands_that_switch_faults_at_run_time_and_the_shared_hash_key()
    {
        await using var model = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}={InfrastructureMode.LocalProcesses}");

        foreach (var service in ResourceNames.Services)
        {
            var commands = model.Resource<ProjectResource>(service).Annotations.OfType<ResourceCommandAnnotation>().Select(command => command.Name);
            Assert.Superset(
                new HashSet<string> { FaultInjectionResourceExtensions.SlowCommand, FaultInjectionResourceExtensions.FailingCommand, FaultInjectionResourceExtensions.ClearCommand },
                commands.ToHashSet());
            var environment = await model.PublishedEnvironmentOf(service);
            Assert.Equal("{trace-hash-key.value}", environment["Tracing__Redaction__HashKey"]);
        }
    }
}
