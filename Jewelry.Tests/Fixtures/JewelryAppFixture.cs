using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// The whole distributed application, started once for a test collection: PostgreSQL and RabbitMQ as local
/// processes, the three services, and the real Aspire dashboard as the trace store tests read from. A subclass
/// may start it otherwise (another mode, other settings).
/// </summary>
public class JewelryAppFixture : IAsyncLifetime
{
    private readonly DashboardKeys _dashboardKeys = DashboardKeys.Generate();

    // Customers' models in a directory of this application's own. The AppHost keeps them under the user's profile, per
    // system name, to survive restarts, so every application the suite runs side by side would share one, and a test
    // that checks nothing was stored saw another application's upload arrive.
    private readonly DirectoryInfo _modelStorage = Directory.CreateTempSubdirectory("jewelry-test-models-");

    public DistributedApplication App { get; private set; } = null!;

    public DashboardTelemetryClient Telemetry { get; private set; } = null!;

    /// <summary>The AppHost's command-line settings.</summary>
    protected virtual IEnumerable<string> AppHostArguments =>
    [
        $"{InfrastructureModeSelector.ConfigurationKey}={InfrastructureMode.LocalProcesses}",
        // Long enough to be seen as asynchronous, short enough for a test.
        "Mes:PriceCalculationDuration=00:00:01",
    ];

    /// <summary>The resources that must be healthy before a test runs.</summary>
    protected virtual IEnumerable<string> ResourcesToWaitFor => ResourceNames.All;

    // Generous: on two cores another collection's tests and the load smoke run while this application starts.
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(5);

    /// <summary>False where this application cannot run; its tests are skipped then, and nothing starts.</summary>
    protected virtual bool CanStart => true;

    // The test program's applications start one at a time. Started together, their start-ups (each enough to keep both
    // cores busy) left every process a few percent of a core for minutes: a broker's control tool, an Erlang program
    // that loads its code first, took two minutes to do what takes one second. One at a time, the tests of the
    // application that is up run while the next one starts.
    private static readonly SemaphoreSlim OneStartAtATime = new(1, 1);

    public async ValueTask InitializeAsync()
    {
        if (!CanStart)
        {
            return;
        }

        await OneStartAtATime.WaitAsync();
        try
        {
            await StartAsync();
        }
        finally
        {
            OneStartAtATime.Release();
        }
    }

    private async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Jewelry_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, [.. AppHostArguments, .. _dashboardKeys.AsArguments()], timeout.Token);
        // Every resource's output and every HTTP call stay readable in the dashboard; on the test program's console,
        // which `dotnet test` prints whole after a failure, only their warnings and errors.
        builder.Services.AddLogging(logging => logging
            .AddFilter<ConsoleLoggerProvider>("Jewelry.AppHost.Resources", LogLevel.Warning)
            .AddFilter<ConsoleLoggerProvider>("System.Net.Http.HttpClient", LogLevel.Warning));
        // The services log Npgsql at Warning; tests turn its per-command logs back on so that the log path's
        // redaction is exercised by real records that carry statements.
        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(service).WithEnvironment("Logging__LogLevel__Npgsql", "Information")
                // Retention looks every second instead of every ten minutes, so a test sees old messages go.
                .WithEnvironment("Messaging__Retention__Interval", "00:00:01")
                // The suite runs five applications' processes on two cores at once; idle thread pools spinning for
                // work would take the cores from the processes that have some.
                .WithEnvironment("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0");
        }

        // MES gives up on a partner's callback after two deliveries instead of ten spread over minutes, so that a
        // test can see one fail for good.
        Service(builder, ResourceNames.MesApi)
            .WithEnvironment("PartnerCallbacks__MaxDeliveries", "2");
        Service(builder, ResourceNames.ShopApi)
            .WithEnvironment("ModelStorage__Path", _modelStorage.FullName);

        ConfigureResources(builder);

        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);

        foreach (var resource in ResourcesToWaitFor)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }

        Telemetry = new DashboardTelemetryClient(await CreateDashboardClientAsync(timeout.Token));
    }

    /// <summary>Settings of this application's resources beyond the AppHost's (a subclass's own).</summary>
    protected virtual void ConfigureResources(IDistributedApplicationTestingBuilder builder)
    {
    }

    /// <summary>The service's resource in the application being built, to give it settings of the test's.</summary>
    protected static IResourceBuilder<ProjectResource> Service(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(project => project.Name == name));

    public HttpClient CreateHttpClient(string serviceName) => App.CreateHttpClient(serviceName, "http");

    /// <summary>A client of the service that acts as <paramref name="userId"/> in <paramref name="role"/>.</summary>
    public async Task<HttpClient> CreateHttpClientAsync(string serviceName, string role, string userId = "test-user")
    {
        var client = CreateHttpClient(serviceName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueTokenAsync(serviceName, role, userId));
        return client;
    }

    /// <summary>The operating-system process Aspire runs <paramref name="resourceName"/> as (for signals a test sends it).</summary>
    public System.Diagnostics.Process ProcessOf(string resourceName)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resourceName, out var state), $"No state for {resourceName}.");
        var pid = state.Snapshot.Properties.Single(property => property.Name == "executable.pid").Value;
        return System.Diagnostics.Process.GetProcessById(int.Parse(pid!.ToString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An environment variable the AppHost gave <paramref name="resourceName"/>, as the running process got it.</summary>
    public string EnvironmentOf(string resourceName, string variable)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resourceName, out var state), $"No state for {resourceName}.");
        return state.Snapshot.EnvironmentVariables.Single(environment => environment.Name == variable).Value!;
    }

    /// <summary>A token from the service's development token endpoint, signed with the AppHost's key.</summary>
    public async Task<string> IssueTokenAsync(string serviceName, string role, string userId)
    {
        using var client = CreateHttpClient(serviceName);
        using var response = await client.PostAsJsonAsync("/dev/token", new { userId, role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }


    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        _modelStorage.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<HttpClient> CreateDashboardClientAsync(CancellationToken cancellationToken)
    {
        // The URL carries a one-time login token (/login?t=...); the API only needs the origin and the key.
        var loginUrl = await App.GetDashboardUrlAsync(cancellationToken);
        var client = new HttpClient { BaseAddress = new Uri(loginUrl.GetLeftPart(UriPartial.Authority) + "/") };
        client.DefaultRequestHeaders.Add(DashboardTelemetryClient.ApiKeyHeader, _dashboardKeys.DashboardApiKey);
        return client;
    }
}
