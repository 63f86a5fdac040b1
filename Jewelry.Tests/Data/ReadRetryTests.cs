using System.Diagnostics;
using System.Net;
using Jewelry.AppHost;
using Jewelry.Data;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jewelry.Tests.Data;

/// <summary>
/// The server closing a service's connections (what a failover or <c>pg_terminate_backend</c> does) costs no read: a
/// GET runs once more on a fresh connection, with an event on its span; a write keeps its answer, 503.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ReadRetryTests(JewelryAppFixture fixture)
{
    private readonly string _applicationName = $"read-retry-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_read_on_a_terminated_connection_is_answered_from_a_fresh_one()
    {
        await using var service = await StartServiceAsync();
        await WarmUpPoolAsync(service);
        var terminated = await TerminateBackendsAsync();

        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/value");
        using var response = await service.Client.SendAsync(request);

        Assert.True(terminated > 0, "No backend to terminate.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var span = await service.ServerSpanAsync(traceId);
        var retried = Assert.Single(span.Events, activityEvent => activityEvent.Name == ReadRetryEndpointFilter.RetryEvent);
        Assert.Equal("57P01", retried.Tags.Single(tag => tag.Key == "db.response.status_code").Value);
        Assert.Equal("Npgsql.PostgresException", retried.Tags.Single(tag => tag.Key == "error.type").Value);
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Theory]
    [InlineData(1, HttpStatusCode.OK)]
    [InlineData(2, HttpStatusCode.OK)]
    [InlineData(3, HttpStatusCode.OK)]
    [InlineData(ReadRetryEndpointFilter.MaxRetries + 1, HttpStatusCode.ServiceUnavailable)]
    public async Task A_read_whose_retries_lose_their_connection_too_is_retried_up_to_the_limit(int losses, HttpStatusCode expected)
    {
        await using var service = await StartServiceAsync();
        service.App.Services.GetRequiredService<ConnectionLosses>().Remaining = losses;

        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/losing");
        using var response = await service.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        var span = await service.ServerSpanAsync(traceId);
        var retries = span.Events.Count(activityEvent => activityEvent.Name == ReadRetryEndpointFilter.RetryEvent);
        Assert.Equal(Math.Min(losses, ReadRetryEndpointFilter.MaxRetries), retries);
    }

    [Fact]
    public async Task A_write_on_a_terminated_connection_keeps_its_answer()
    {
        await using var service = await StartServiceAsync();
        await WarmUpPoolAsync(service);
        await TerminateBackendsAsync();

        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Post, "/api/value");
        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var span = await service.ServerSpanAsync(traceId);
        Assert.DoesNotContain(span.Events, activityEvent => activityEvent.Name == ReadRetryEndpointFilter.RetryEvent);
    }

    private async Task<InProcessService> StartServiceAsync()
    {
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        var database = NpgsqlDataSource.Create($"{server};Database=postgres;Application Name={_applicationName}");
        return await InProcessService.StartAsync(
            app =>
            {
                var group = app.MapGroup("/api").RetryingReadsOnLostConnection();
                group.MapGet("/value", QueryAsync);
                group.MapPost("/value", QueryAsync);
                group.MapGet("/losing", LosingAsync);
            },
            builder => builder.AddDatabaseErrorAnswers().Services.AddSingleton(database).AddSingleton<ConnectionLosses>());
    }

    /// <summary>How many more times <c>/api/losing</c> has its backend terminated under it.</summary>
    private sealed class ConnectionLosses
    {
        public int Remaining { get; set; }
    }

    /// <summary>The backend terminates itself while there are losses left: a real 57P01 from the server.</summary>
    private static async Task<IResult> LosingAsync(NpgsqlDataSource database, ConnectionLosses losses)
    {
        await using var connection = await database.OpenConnectionAsync();
        if (losses.Remaining-- > 0)
        {
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", connection);
            await terminate.ExecuteScalarAsync();
        }

        return TypedResults.Ok();
    }

    private static async Task<IResult> QueryAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT 1");
        return TypedResults.Ok(await command.ExecuteScalarAsync());
    }

    /// <summary>A pooled connection, idle between requests, as a running service has them.</summary>
    private static async Task WarmUpPoolAsync(InProcessService service)
    {
        using var response = await service.Client.GetAsync("/api/value");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<int> TerminateBackendsAsync()
    {
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        await using var admin = new NpgsqlConnection($"{server};Database=postgres");
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            // In the select list, so that only the filtered rows are terminated (a WHERE clause may call it first).
            "SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name) AS terminated", admin);
        terminate.Parameters.AddWithValue("name", _applicationName);
        var terminated = (int)(await terminate.ExecuteScalarAsync())!;

        // pg_terminate_backend only signals: wait until the backends are gone, as after a failover.
        await Eventually.MatchesAsync(async () =>
        {
            await using var remaining = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE application_name = @name", admin);
            remaining.Parameters.AddWithValue("name", _applicationName);
            return (int)(await remaining.ExecuteScalarAsync())!;
        }, count => count == 0, "the terminated backends exiting", TimeSpan.FromSeconds(10));
        return terminated;
    }
}
