using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jewelry.Tests.Data;

/// <summary>
/// A database that cannot take a request (unreachable, out of pooled connections, refusing the caller) is answered
/// 503 with Retry-After and the trace id, text it cannot store 400, and only the service's own errors 500: against
/// real PostgreSQL failures rather than thrown stand-ins.
/// </summary>
[Collection(FaultsJewelryApp.Name)]
public sealed class DatabaseUnavailableTests(JewelryAppFixture fixture)
{
    [Fact]
    public async Task An_unreachable_database_is_a_503_with_retry_after_and_the_trace_id()
    {
        await using var database = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={LoopbackPort.Closed()};Username=shop;Timeout=2");
        await using var service = await StartServiceAsync(app => MapQuery(app, database));

        await AssertUnavailableAsync(service);
    }

    [Fact]
    public async Task A_pool_with_no_free_connection_is_a_503_with_retry_after_and_the_trace_id()
    {
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        await using var database = NpgsqlDataSource.Create($"{server};Database=postgres;Maximum Pool Size=1;Timeout=5");
        await using var service = await StartServiceAsync(app => MapQuery(app, database));
        await using var heldByAnotherRequest = await database.OpenConnectionAsync();

        await AssertUnavailableAsync(service);
    }

    [Fact]
    public async Task A_server_with_no_connection_left_for_the_caller_is_a_503_with_retry_after_and_the_trace_id()
    {
        // A role allowed no connection: PostgreSQL answers as it does when max_connections is used up (53300).
        var server = new NpgsqlConnectionStringBuilder(await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres));
        var role = $"full_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection($"{server};Database=postgres"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD '{role}' CONNECTION LIMIT 0", admin);
            await create.ExecuteNonQueryAsync();
        }

        server.Username = role;
        server.Password = role;
        server.Database = "postgres";
        await using var database = NpgsqlDataSource.Create(server.ConnectionString);
        await using var service = await StartServiceAsync(app => MapQuery(app, database));

        await AssertUnavailableAsync(service);
    }

    [Fact]
    public async Task A_database_error_that_is_the_service_s_own_stays_a_500()
    {
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        await using var database = NpgsqlDataSource.Create($"{server};Database=postgres");
        await using var service = await StartServiceAsync(app => app.MapGet("/api/query", async () =>
        {
            await using var command = database.CreateCommand("SELECT * FROM no_such_table");
            return TypedResults.Ok(await command.ExecuteScalarAsync());
        }));
        var (request, _) = InProcessService.TracedRequest(HttpMethod.Get, "/api/query");

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Text_the_database_cannot_store_is_the_callers_mistake_a_400()
    {
        var server = await fixture.App.GetConnectionStringAsync(ResourceNames.Postgres);
        await using var database = NpgsqlDataSource.Create($"{server};Database=postgres");
        await using var service = await StartServiceAsync(app => app.MapGet("/api/echo", async (string text) =>
        {
            await using var command = database.CreateCommand("SELECT @text");
            command.Parameters.AddWithValue("text", text);
            return TypedResults.Ok(await command.ExecuteScalarAsync());
        }));
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/echo?text=a%00b");

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(traceId.ToHexString(), problem.GetProperty("traceId").GetString());
        Assert.Contains("NUL", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static void MapQuery(WebApplication app, NpgsqlDataSource database) => app.MapGet("/api/query", async () =>
    {
        await using var command = database.CreateCommand("SELECT 1");
        return TypedResults.Ok(await command.ExecuteScalarAsync());
    });

    private static async Task AssertUnavailableAsync(InProcessService service)
    {
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/query");

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("The database is unavailable", problem.GetProperty("title").GetString());
        Assert.Equal(traceId.ToHexString(), problem.GetProperty("traceId").GetString());

        var span = await service.ServerSpanAsync(traceId);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(503, span.GetTagItem("http.response.status_code"));
        Assert.StartsWith("Npgsql.", Assert.IsType<string>(span.GetTagItem("error.type")), StringComparison.Ordinal);
    }

    /// <summary>A service with the defaults and the database's error answers, as <c>AddServiceDatabase</c> gives it.</summary>
    private static Task<InProcessService> StartServiceAsync(Action<WebApplication> mapEndpoints) =>
        InProcessService.StartAsync(mapEndpoints, builder => builder.AddDatabaseErrorAnswers());
}
