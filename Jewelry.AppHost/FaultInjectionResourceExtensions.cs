using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;

namespace Jewelry.AppHost;

/// <summary>
/// Fault injection per service, for reproducing errors and timeouts at F5 and in tests. At start: the AppHost's
/// configuration section <c>FaultInjection:&lt;service&gt;</c> (for example
/// <c>FaultInjection:crm-api:Rules:0:Target=GET /api/customers/{id:guid}</c> and <c>...:Latency=00:00:05</c>) becomes
/// the service's own <c>FaultInjection</c> section. At run time: dashboard commands on each service call its
/// Development-only <c>/dev/faults</c> endpoint. Services ignore all of it in Production.
/// </summary>
public static class FaultInjectionResourceExtensions
{
    public const string SectionName = "FaultInjection";
    public const string FaultsPath = "/dev/faults";
    public const string SlowCommand = "faults-slow";
    public const string FailingCommand = "faults-failing";
    public const string ClearCommand = "faults-clear";

    public static IResourceBuilder<ProjectResource> WithFaultInjection(
        this IResourceBuilder<ProjectResource> service, IConfiguration appHostConfiguration)
    {
        var section = appHostConfiguration.GetSection($"{SectionName}:{service.Resource.Name}");
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null)
            {
                service.WithEnvironment($"{SectionName}__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }

        if (!service.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return service;
        }

        return service
            .WithFaultsCommand(SlowCommand, "Faults: +3 s on every endpoint",
                "Every endpoint of this service waits 3 s before answering (callers' timeouts fire).",
                [new { target = "*", latency = "00:00:03" }])
            .WithFaultsCommand(FailingCommand, "Faults: fail half the requests",
                "Half the requests to this service fail with a 500 (an InjectedFaultException in the trace).",
                [new { target = "*", errorRate = 0.5 }])
            .WithHttpCommand(FaultsPath, "Faults: clear", commandName: ClearCommand, commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Delete,
                Description = "Back to the faults configured at start (none by default).",
                IconName = "ArrowReset",
            });
    }

    private static IResourceBuilder<ProjectResource> WithFaultsCommand(
        this IResourceBuilder<ProjectResource> service, string name, string displayName, string description, object[] rules) =>
        service.WithHttpCommand(FaultsPath, displayName, commandName: name, commandOptions: new HttpCommandOptions
        {
            Method = HttpMethod.Put,
            Description = description,
            IconName = "Bug",
            PrepareRequest = context =>
            {
                context.Request.Content = JsonContent.Create(rules);
                return Task.CompletedTask;
            },
        });
}
