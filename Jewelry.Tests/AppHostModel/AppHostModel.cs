using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// Builds the AppHost's model with the given configuration without starting anything, so the wiring of either
/// mode can be inspected on a machine with no container engine.
/// </summary>
public static class AppHostModel
{
    public static async Task<DistributedApplicationModelSnapshot> BuildAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Jewelry_AppHost>(args);

        // Disposing an application that never started sits out the whole shutdown timeout (tens of seconds);
        // with nothing running there is nothing to wait for.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));

        return new DistributedApplicationModelSnapshot(await builder.BuildAsync());
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

    /// <summary>A resource's environment as F5 would start it (values resolved where the model alone can).</summary>
    public async Task<IReadOnlyDictionary<string, string>> RunEnvironmentOf(string name)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(Resource<IResourceWithEnvironment>(name))
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, CancellationToken.None);
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
