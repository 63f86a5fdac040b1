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

        var sent = new ConcurrentBag<(string Service, string TraceId)>();
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
            sent.Add((hostile.Operation.Service, traceId));
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

        await AssertCanaryAppearsNowhereAsync(canary, sent);
    }

    private async Task AssertCanaryAppearsNowhereAsync(string canary, IReadOnlyCollection<(string Service, string TraceId)> sent)
    {
        // Each service exports in order: once its last request's server span has arrived, so have its earlier ones.
        foreach (var last in sent.GroupBy(request => request.Service).Select(group => group.Last()))
        {
            await fixture.Telemetry.WaitForTraceAsync(last.TraceId, spans => spans.Any(span => span.Kind == SpanKind.Server));
        }

        var leaks = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancellationToken) =>
        {
            foreach (var span in await fixture.Telemetry.GetSpansAsync(request.TraceId, cancellationToken))
            {
                if (span.Name.Contains(canary, StringComparison.Ordinal) || span.AllValues.Any(value => value.Contains(canary, StringComparison.Ordinal)))
                {
                    leaks.Add($"span {span}");
                }
            }

            foreach (var text in await fixture.Telemetry.GetLogTextsAsync(request.TraceId, cancellationToken))
            {
                if (text.Contains(canary, StringComparison.Ordinal))
                {
                    leaks.Add($"log of trace {request.TraceId}: {text}");
                }
            }
        });

        Assert.True(leaks.IsEmpty, $"The planted secret reached telemetry {leaks.Count} time(s):{Environment.NewLine}" +
            string.Join(Environment.NewLine, leaks.Take(10)));
    }
}
