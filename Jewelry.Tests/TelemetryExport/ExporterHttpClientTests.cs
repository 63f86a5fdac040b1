using System.Net;
using System.Net.Sockets;
using Jewelry.Tests.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OpenTelemetry.Trace;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.TelemetryExport;

/// <summary>
/// The OTLP exporters send with a client of their own: the standard resilience pipeline every other HttpClient gets
/// would retry an export the exporter itself considers failed, and its own failures (an open circuit) would make the
/// exporter drop batches without a word.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class ExporterHttpClientTests
{
    [Theory]
    [InlineData("Full")]
    [InlineData("Stock")]
    public async Task A_refused_export_reaches_the_receiver_once_not_again_through_the_resilience_pipeline(string profile)
    {
        using var receiver = RefusingReceiver.Start();
        await using var service = await InProcessService.StartAsync(
            app => app.MapGet("/ping", () => "pong"),
            // Were the exporter's client in the pipeline, its retries would come at once and be counted below.
            builder => builder.Services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.Delay = TimeSpan.Zero),
            settings: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["Tracing:Profile"] = profile,
            });

        var (request, traceId) = InProcessService.TracedRequest(HttpMethod.Get, "/ping");
        using (request)
        using (var response = await service.Client.SendAsync(request))
        {
            response.EnsureSuccessStatusCode();
        }

        await service.ServerSpanAsync(traceId);
        service.App.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.Equal(1, receiver.TraceRequests);
    }

    /// <summary>
    /// An OTLP receiver at the edge of the test that refuses every trace export with a 500. An HttpListener, not
    /// ASP.NET Core: the service's tracing would record its requests too, and export them to it in turn.
    /// </summary>
    private sealed class RefusingReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _traceRequests;

        private RefusingReceiver(int port)
        {
            Address = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Address);
        }

        public string Address { get; }

        public int TraceRequests => Volatile.Read(ref _traceRequests);

        public static RefusingReceiver Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var receiver = new RefusingReceiver(((IPEndPoint)probe.LocalEndpoint).Port);
            probe.Stop();
            receiver._listener.Start();
            _ = receiver.AnswerAsync();
            return receiver;
        }

        private async Task AnswerAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                if (context.Request.Url?.AbsolutePath == "/v1/traces")
                {
                    Interlocked.Increment(ref _traceRequests);
                    context.Response.StatusCode = (int)HttpStatusCode.InternalServerError;
                }

                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
