using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// A B2B partner's webhook receiver on loopback: the one test double, standing at the edge of the system. It
/// records the callbacks it accepts and can answer 503 to the first few, as a partner having a bad minute would.
/// </summary>
public sealed class PartnerCallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _accepted = new();
    private int _failuresLeft;

    private PartnerCallbackReceiver(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/callbacks", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            _accepted.Enqueue(await request.ReadFromJsonAsync<JsonElement>());
            return Results.NoContent();
        });
    }

    public string CallbackUrl => $"{_app.Urls.First()}/callbacks";

    public IReadOnlyList<JsonElement> Accepted => [.. _accepted];

    public static async Task<PartnerCallbackReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = new PartnerCallbackReceiver(failFirst);
        await receiver._app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
