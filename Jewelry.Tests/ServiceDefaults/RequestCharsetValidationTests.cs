using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.ServiceDefaults;

/// <summary>A body in a character set nobody knows is the caller's mistake: 415 ProblemDetails, not a 500 from JSON binding.</summary>
[Collection(RunsAlone.Name)]
public sealed class RequestCharsetValidationTests
{
    private static void MapEndpoints(WebApplication app) =>
        app.MapPost("/api/things", (ThingRequest thing) => TypedResults.Ok(new { thing.Name }));

    private sealed record ThingRequest(string Name);

    [Fact]
    public async Task An_unknown_charset_is_a_415_with_the_trace_id()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var body = new ByteArrayContent("""{"name":"Signet ring"}"""u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=nonsense");
        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Post, "/api/things", body);

        using var response = await service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(traceId.ToHexString(), problem.GetProperty("traceId").GetString());
        Assert.Contains("'nonsense'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_charset_other_than_utf8_still_reaches_the_endpoint()
    {
        await using var service = await InProcessService.StartAsync(MapEndpoints);
        var body = new StringContent("""{"name":"Signet ring"}""", Encoding.Unicode, "application/json");

        using var response = await service.Client.PostAsync("/api/things", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Signet ring", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }
}
