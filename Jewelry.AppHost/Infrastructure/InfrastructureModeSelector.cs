using Jewelry.AppHost.LocalProcesses;
using Microsoft.Extensions.Configuration;

namespace Jewelry.AppHost.Infrastructure;

/// <summary>
/// Turns <c>Infrastructure:Mode</c> into a concrete mode. Aspire's own container-runtime check only exists
/// after the model is built, too late to choose resources, so Auto asks the runtime's CLI directly.
/// </summary>
public static class InfrastructureModeSelector
{
    public const string ConfigurationKey = "Infrastructure:Mode";

    public const string InstallHint =
        "Install Docker or Podman, or install PostgreSQL and RabbitMQ locally with: " +
        "sudo apt-get install -y postgresql-15 rabbitmq-server";

    public static InfrastructureModeSelection Select(IDistributedApplicationBuilder builder)
    {
        var configured = ParseConfiguredMode(builder.Configuration[ConfigurationKey]);

        switch (configured)
        {
            case InfrastructureMode.Containers:
                return new(InfrastructureMode.Containers, $"{ConfigurationKey} is Containers");
            case InfrastructureMode.LocalProcesses:
                EnsureLocalBinariesInstalled();
                return new(InfrastructureMode.LocalProcesses, $"{ConfigurationKey} is LocalProcesses");
        }

        // A published manifest describes a deployment, which always runs the infrastructure as containers.
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new(InfrastructureMode.Containers, "publishing a deployment manifest");
        }

        var runtime = ContainerRuntimeProbe.Probe(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker");
        if (runtime.IsAvailable)
        {
            return new(InfrastructureMode.Containers, $"{ConfigurationKey} is Auto and {runtime.Description}");
        }

        if (LocalBinaries.FindMissing() is { Count: > 0 } missing)
        {
            throw new DistributedApplicationException(
                $"No way to run PostgreSQL and RabbitMQ: {runtime.Description}, and {string.Join(" and ", missing)} " +
                $"not installed. {InstallHint}");
        }

        return new(InfrastructureMode.LocalProcesses, $"{ConfigurationKey} is Auto and {runtime.Description}");
    }

    private static InfrastructureMode ParseConfiguredMode(string? value) =>
        string.IsNullOrWhiteSpace(value) ? InfrastructureMode.Auto
        : Enum.TryParse<InfrastructureMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode
        : throw new DistributedApplicationException(
            $"{ConfigurationKey} is '{value}'; it must be one of {string.Join(", ", Enum.GetNames<InfrastructureMode>())}.");

    private static void EnsureLocalBinariesInstalled()
    {
        if (LocalBinaries.FindMissing() is { Count: > 0 } missing)
        {
            throw new DistributedApplicationException(
                $"{ConfigurationKey} is LocalProcesses, but {string.Join(" and ", missing)} not installed. {InstallHint}");
        }
    }
}
