using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.AppHost.LocalProcesses;

namespace Jewelry.Tests.AppHostModel;

public sealed class InfrastructureModeTests
{
    private const string ModeKey = InfrastructureModeSelector.ConfigurationKey;

    [Fact]
    public async Task Containers_mode_runs_the_official_postgres_and_rabbitmq_images()
    {
        await using var model = await AppHostModel.BuildAsync($"{ModeKey}=Containers");

        var postgres = model.Resource<PostgresServerResource>(ResourceNames.Postgres);
        Assert.True(postgres.TryGetContainerImageName(out var postgresImage));
        Assert.StartsWith("docker.io/library/postgres:", postgresImage);

        var rabbitmq = model.Resource<RabbitMQServerResource>(ResourceNames.Messaging);
        Assert.True(rabbitmq.TryGetContainerImageName(out var rabbitmqImage));
        Assert.StartsWith("docker.io/library/rabbitmq:", rabbitmqImage);

        foreach (var database in new[] { ResourceNames.ShopDatabase, ResourceNames.CrmDatabase, ResourceNames.MesDatabase })
        {
            Assert.Same(postgres, model.Resource<PostgresDatabaseResource>(database).Parent);
        }
    }

    [Fact]
    public async Task LocalProcesses_mode_runs_the_local_binaries_on_ports_aspire_allocates()
    {
        await using var model = await AppHostModel.BuildAsync($"{ModeKey}=LocalProcesses");

        var postgres = model.Resource<LocalPostgresServerResource>(ResourceNames.Postgres);
        Assert.Equal("bash", postgres.Command);
        Assert.All(postgres.Annotations.OfType<EndpointAnnotation>(), endpoint => Assert.Null(endpoint.Port));
        Assert.Equal(
            [ResourceNames.ShopDatabase, ResourceNames.CrmDatabase, ResourceNames.MesDatabase],
            postgres.Databases.Select(database => database.DatabaseName));

        var rabbitmq = model.Resource<LocalRabbitMQServerResource>(ResourceNames.Messaging);
        Assert.Equal("/usr/lib/rabbitmq/bin/rabbitmq-server", rabbitmq.Command);
        Assert.All(rabbitmq.Annotations.OfType<EndpointAnnotation>(), endpoint => Assert.Null(endpoint.Port));
    }

    [Theory]
    [InlineData("Containers")]
    [InlineData("LocalProcesses")]
    public async Task The_services_are_wired_identically_in_every_mode(string mode)
    {
        await using var model = await AppHostModel.BuildAsync($"{ModeKey}={mode}");

        var expected = new Dictionary<string, string[]>
        {
            [ResourceNames.ShopApi] = ["ConnectionStrings__shopdb", "ConnectionStrings__messaging", "services__crm-api__http__0"],
            [ResourceNames.CrmApi] = ["ConnectionStrings__crmdb", "ConnectionStrings__messaging"],
            [ResourceNames.MesApi] = ["ConnectionStrings__mesdb", "ConnectionStrings__messaging"],
        };

        foreach (var (service, variables) in expected)
        {
            var environment = await model.PublishedEnvironmentOf(service);
            Assert.All(variables, variable => Assert.Contains(variable, environment.Keys));

            var waitsFor = model.Resource<ProjectResource>(service).Annotations.OfType<WaitAnnotation>()
                .Select(wait => wait.Resource.Name).ToHashSet();
            // The database first (a service migrates it as it starts); the broker it connects to once it answers.
            Assert.Contains(variables[0]["ConnectionStrings__".Length..], waitsFor);
            Assert.DoesNotContain(ResourceNames.Messaging, waitsFor);
        }
    }

    [Fact]
    public async Task An_unknown_mode_is_refused_with_the_allowed_values()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => AppHostModel.BuildAsync($"{ModeKey}=Kubernetes"));

        var message = string.Join(" | ", Flatten(exception).Select(inner => inner.Message));
        Assert.Contains("'Kubernetes'", message);
        Assert.Contains("Auto, Containers, LocalProcesses", message);
    }

    [Fact]
    public void Auto_chooses_local_processes_when_no_container_runtime_answers_and_says_why()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = [$"{ModeKey}=Auto", "ASPIRE_CONTAINER_RUNTIME=no-such-runtime", .. DashboardKeys.Generate().AsArguments()],
            AssemblyName = typeof(ResourceNames).Assembly.GetName().Name,
        });

        var selection = InfrastructureModeSelector.Select(builder);

        Assert.Equal(InfrastructureMode.LocalProcesses, selection.Mode);
        Assert.Equal("Infrastructure:Mode is Auto and no 'no-such-runtime' command is installed", selection.Reason);
    }

    [Fact]
    public async Task Auto_builds_the_local_process_model_where_the_container_engine_does_not_answer()
    {
        // This machine and CI have a docker CLI but no engine: exactly the case Auto must detect.
        await using var model = await AppHostModel.BuildAsync($"{ModeKey}=Auto");

        model.Resource<LocalPostgresServerResource>(ResourceNames.Postgres);
        model.Resource<LocalRabbitMQServerResource>(ResourceNames.Messaging);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
