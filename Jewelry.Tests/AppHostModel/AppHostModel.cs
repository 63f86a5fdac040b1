using Jewelry.AppHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// Builds the AppHost's model with the given configuration without starting anything, so the wiring of either
/// mode can be inspected on a machine with no container engine.
/// </summary>
/// <remarks>
/// Composed as the entry point composes it rather than by running the entry point: a builder created from the entry
/// point runs on into <c>Run()</c> on its own thread once built, so a model held for a few seconds started DCP and the
/// application in the background while the test read it, and its disposal cancelled that start ("Hosting failed to
/// start") beside whatever else the test process was running.
/// </remarks>
public static class AppHostModel
{
    public static Task<DistributedApplicationModelSnapshot> BuildAsync(params string[] args)
    {
        // The AppHost's assembly name is what gives the builder its directory (appsettings.json) and DCP's path.
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            // Keys of its own (a builder without them writes one into the user secrets other runs read); a key
            // among the test's own arguments comes later and wins.
            Args = [.. DashboardKeys.Generate().AsArguments(), .. args],
            AssemblyName = typeof(ResourceNames).Assembly.GetName().Name,
        });
        builder.AddJewelrySystem();
        return Task.FromResult(new DistributedApplicationModelSnapshot(builder.Build()));
    }
}

/// <summary>A built, never started application and its resources.</summary>
public sealed class DistributedApplicationModelSnapshot(DistributedApplication app) : IAsyncDisposable
{
    public IReadOnlyList<IResource> Resources { get; } =
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.ToList();

    public T Resource<T>(string name) where T : IResource =>
        Assert.IsType<T>(Assert.Single(Resources, resource => resource.Name == name), exactMatch: false);

    /// <summary>A resource's environment as a deployment would see it: references appear as expressions.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PublishedEnvironmentOf(string name)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(Resource<IResourceWithEnvironment>(name))
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, CancellationToken.None);
        return configuration.EnvironmentVariables.ToDictionary();
    }

    /// <summary>
    /// A resource's environment as the AppHost declared it, before Aspire resolves anything: the value objects
    /// themselves (endpoint references, parameters, host URLs).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object>> DeclaredEnvironmentOf(string name)
    {
        var resource = Resource<IResourceWithEnvironment>(name);
        var context = new EnvironmentCallbackContext(
            new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource, new Dictionary<string, object>());
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
