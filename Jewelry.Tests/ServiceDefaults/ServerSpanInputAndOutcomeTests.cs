using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jewelry.ServiceDefaults.Redaction;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.ServiceDefaults;

/// <summary>The server-span enrichers of ServiceDefaults on a real in-memory request, read from the in-memory exporter.</summary>
[Collection(RunsAlone.Name)]
public sealed class ServerSpanInputAndOutcomeTests
{
    private static void MapEndpoints(WebApplication app)
    {
        app.MapPost("/api/things/{id:int}", (int id, ThingRequest thing) => TypedResults.Ok(new { id, thing.Name }));
        app.MapGet("/api/broken", string () => throw new InvalidOperationException("Lookup failed for ann.ivanova@example.com"));
        app.MapGet("/api/missing", () => TypedResults.NotFound());
        app.MapGet("/api/private/{id:int}", (int id) => TypedResults.Ok(id)).RequireAuthorization();
    }

    private sealed record ThingRequest(string Name, string? Password, string? Email, int[]? Sizes);

    [Fact]
    public async Task Route_values_query_and_json_body_fields_are_attributes_with_secrets_masked_and_the_body_still_reaches_the_endpoint()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints, builder => builder.Configuration["Tracing:Redaction:HashKey"] = "test-hash-key");
        var body = new StringContent("""{"name":"Signet ring","password":"hunter2","email":"Ann@Example.com","sizes":[17,18]}""", Encoding.UTF8, "application/json");
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Post, "/api/things/7?note=gift&note=wrapped&token=abc123", body);

        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Signet ring", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        var span = await service.ServerSpanAsync(traceId);
        Assert.Equal("7", span.GetTagItem("jewelry.request.route.id"));
        Assert.Equal("gift,wrapped", span.GetTagItem("jewelry.request.query.note"));
        Assert.Equal(SensitiveDataRedactor.Mask, span.GetTagItem("jewelry.request.query.token"));
        Assert.Equal("Signet ring", span.GetTagItem("jewelry.request.body.name"));
        Assert.Equal(SensitiveDataRedactor.Mask, span.GetTagItem("jewelry.request.body.password"));
        Assert.Equal("17", span.GetTagItem("jewelry.request.body.sizes.0"));
        Assert.Equal("18", span.GetTagItem("jewelry.request.body.sizes.1"));
        // Keyed hash, the same for the same address however it is written, so support can correlate requests.
        var emailHash = Assert.IsType<string>(span.GetTagItem("jewelry.request.body.email"));
        Assert.StartsWith(SensitiveDataRedactor.HashPrefix, emailHash);
        Assert.DoesNotContain("ann", emailHash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
    }

    [Fact]
    public async Task The_same_email_hashes_alike_whatever_its_case()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints, builder => builder.Configuration["Tracing:Redaction:HashKey"] = "test-hash-key");
        var hashes = new List<object?>();
        foreach (var email in new[] { "Ann@Example.com", " ann@example.com" })
        {
            var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Post, "/api/things/1", JsonContent.Create(new { name = "x", email }));
            using var response = await service.Client.SendAsync(request);
            hashes.Add((await service.ServerSpanAsync(traceId)).GetTagItem("jewelry.request.body.email"));
        }

        Assert.Equal(hashes[0], hashes[1]);
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_not_read_and_the_span_says_why()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Post, "/api/things/1",
            new StringContent(JsonSerializer.Serialize(new { name = new string('x', 20_000) }), Encoding.UTF8, "application/json"));

        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var span = await service.ServerSpanAsync(traceId);
        Assert.Equal("larger than 16384 bytes", span.GetTagItem("jewelry.request.body_not_captured"));
        Assert.Null(span.GetTagItem("jewelry.request.body.name"));
    }

    [Fact]
    public async Task A_chunked_json_body_as_HttpClient_sends_it_is_captured_too()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Post, "/api/things/3", JsonContent.Create(new { name = "Pendant" }));
        Assert.Null(request.Content!.Headers.ContentLength);

        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("Pendant", (await service.ServerSpanAsync(traceId)).GetTagItem("jewelry.request.body.name"));
    }

    [Fact]
    public async Task A_request_refused_before_its_endpoint_still_shows_its_input()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/private/5?view=full");

        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var span = await service.ServerSpanAsync(traceId);
        Assert.Equal("5", span.GetTagItem("jewelry.request.route.id"));
        Assert.Equal("full", span.GetTagItem("jewelry.request.query.view"));
        Assert.Equal(false, span.GetTagItem("jewelry.user.authenticated"));
    }

    [Fact]
    public async Task A_client_error_is_a_successful_server_span()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/missing");

        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var span = await service.ServerSpanAsync(traceId);
        Assert.Equal(ActivityStatusCode.Ok, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task An_exception_makes_the_span_an_error_with_its_type_and_a_redacted_exception_event()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/api/broken");

        using var response = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(traceId.ToHexString(), problem.GetProperty("traceId").GetString());

        var span = await service.ServerSpanAsync(traceId);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        var exception = Assert.Single(span.Events, activityEvent => activityEvent.Name == "exception");
        var tags = exception.Tags.ToDictionary(tag => tag.Key, tag => tag.Value as string);
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.type"]);
        Assert.Equal("Lookup failed for [REDACTED]:email", tags["exception.message"]);
        Assert.Contains("at ", tags["exception.stacktrace"], StringComparison.Ordinal);
        Assert.DoesNotContain("ann.ivanova", tags["exception.stacktrace"], StringComparison.Ordinal);
    }
}
