using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Jewelry.AppHost;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.Resilience;

/// <summary>
/// Generated malformed requests over every documented operation of the three services, every role and several
/// content types: none is answered with a 5xx, and a canary planted under sensitive names (and as a forged token)
/// appears in no span and no log record of those requests.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class HostileInputTests(JewelryAppFixture fixture, ITestOutputHelper output)
{
    private const int Requests = 1000;

    [Fact]
    public async Task A_thousand_generated_malformed_requests_get_no_5xx_and_leak_no_planted_secret()
    {
        var canary = $"cnry{Guid.NewGuid():N}";
        var operations = new List<ApiOperation>();
        var clients = new Dictionary<string, HttpClient>();
        var tokens = new Dictionary<(string Service, string Role), string>();
        foreach (var service in ResourceNames.Services)
        {
            clients[service] = fixture.CreateHttpClient(service);
            operations.AddRange(ApiOperation.Read(service, await clients[service].GetFromJsonAsync<JsonElement>("/openapi/v1.json")));
            foreach (var role in new[] { "customer", "seller", "operator", "partner", "admin" })
            {
                tokens[(service, role)] = await fixture.IssueTokenAsync(service, role, $"hostile-{role}");
            }
        }

        var sent = new ConcurrentBag<string>();
        var covered = new ConcurrentDictionary<string, bool>();
        var statuses = new ConcurrentDictionary<int, int>();
        await HostileRequest.Generator(operations, canary).SampleAsync(async hostile =>
        {
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using var request = new HttpRequestMessage(new HttpMethod(hostile.Operation.Method), hostile.PathAndQuery);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            if (hostile.Role is { } role)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                    role == HostileRequest.ForgedToken ? canary : tokens[(hostile.Operation.Service, role)]);
            }

            if (hostile.Body is { } body)
            {
                request.Content = new ByteArrayContent(body);
                if (hostile.ContentType is { } contentType)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            using var response = await clients[hostile.Operation.Service].SendAsync(request);
            sent.Add(traceId);
            covered[hostile.Operation.ToString()] = true;
            covered[$"role {hostile.Role ?? "anonymous"}"] = true;
            covered[$"content type {hostile.ContentType ?? "none"}"] = true;
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            Assert.True((int)response.StatusCode < 500,
                $"{hostile} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }, iter: Requests, threads: 4);

        output.WriteLine($"{sent.Count} requests over {operations.Count} operations; answers: " +
            string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} x{pair.Value}")));
        Assert.True(sent.Count >= Requests, $"Only {sent.Count} requests were sent.");
        Assert.All(operations, operation => Assert.True(covered.ContainsKey(operation.ToString()), $"No request reached {operation}."));
        Assert.All(HostileRequest.Roles, role => Assert.True(covered.ContainsKey($"role {role ?? "anonymous"}"), $"No request as {role}."));
        Assert.All(HostileRequest.ContentTypeChoices, type => Assert.True(covered.ContainsKey($"content type {type}"), $"No request sent {type}."));

        // Each service exports in order: once the server span of a well-formed request sent after all of them has
        // arrived, so have theirs. Not one of the hostile requests: a path Kestrel refuses to decode (%00) is answered
        // 400 before the application sees it, so it has no span to wait for.
        foreach (var (service, client) in clients)
        {
            await WaitForSpansSentBeforeAsync(service, client);
        }

        await AssertCanaryAppearsNowhereAsync(canary, sent);
    }

    private async Task WaitForSpansSentBeforeAsync(string service, HttpClient client)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{service} answered {(int)response.StatusCode} to its OpenAPI document.");
        await fixture.Telemetry.WaitForTraceAsync(traceId, spans => spans.Any(span => span.Kind == SpanKind.Server));
    }

    private async Task AssertCanaryAppearsNowhereAsync(string canary, IReadOnlyCollection<string> sent)
    {
        var leaks = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (traceId, cancellationToken) =>
        {
            foreach (var span in await fixture.Telemetry.GetSpansAsync(traceId, cancellationToken))
            {
                if (span.Name.Contains(canary, StringComparison.Ordinal) || span.AllValues.Any(value => value.Contains(canary, StringComparison.Ordinal)))
                {
                    leaks.Add($"span {span}");
                }
            }

            foreach (var text in await fixture.Telemetry.GetLogTextsAsync(traceId, cancellationToken))
            {
                if (text.Contains(canary, StringComparison.Ordinal))
                {
                    leaks.Add($"log of trace {traceId}: {text}");
                }
            }
        });

        Assert.True(leaks.IsEmpty, $"The planted secret reached telemetry {leaks.Count} time(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, leaks.Take(10)));
    }
}
