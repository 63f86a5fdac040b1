using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jewelry.AppHost;
using Jewelry.ServiceDefaults.Security;
using Jewelry.Tests.Fixtures;
using Jewelry.Tests.Orders;
using Jewelry.Tests.Telemetry;

namespace Jewelry.Tests.ModelFiles;

/// <summary>
/// Customers upload 3D models to the running Shop: stored whole or not at all, checked by content, limited in size,
/// and traced with their size, format, hash and timings, never their content.
/// </summary>
[Collection(SharedJewelryApp.Name)]
public sealed class ModelUploadTests(JewelryAppFixture fixture)
{
    private const string StorePath = "ModelStorage__Path";
    private readonly OrderScenario _scenario = new(fixture);

    [Fact]
    public async Task A_generated_stl_is_stored_whole_and_its_span_says_size_format_hash_and_times_but_not_the_content()
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var stl = TestModels.BinaryStl(repeat: 200);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(stl));
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/models", TestModels.Form(stl, "family crest.stl")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var model = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("family crest.stl", model.GetProperty("fileName").GetString());
        Assert.Equal("stl", model.GetProperty("format").GetString());
        Assert.Equal(stl.Length, model.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(sha256, model.GetProperty("sha256").GetString());

        // What the customer gets back is byte for byte what they sent, with the digest to prove it.
        using var download = await shop.GetAsync($"/api/models/{model.GetProperty("id").GetGuid()}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("model/stl", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stl, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(stl))}:", download.Headers.GetValues("Repr-Digest").Single());

        var spans = await UploadSpansAsync(trace);
        var store = Assert.Single(spans, span => span.Name == "store model");
        var server = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal(server.SpanId, store.ParentSpanId);
        Assert.Equal(SpanStatusCode.Unset, store.Status);
        Assert.Equal(model.GetProperty("id").GetString(), store.Attribute("jewelry.model.id"));
        Assert.Equal("stl", store.Attribute("jewelry.model.format"));
        Assert.Equal(stl.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Attribute("jewelry.model.size_bytes"));
        Assert.Equal(sha256, store.Attribute("jewelry.model.sha256"));
        // Both times are within the span (they are rounded to the millisecond).
        var longest = store.Duration.TotalSeconds + 0.0005;
        Assert.InRange(double.Parse(store.Attribute("jewelry.model.storage_seconds")!, System.Globalization.CultureInfo.InvariantCulture), 0, longest);
        Assert.InRange(double.Parse(store.Attribute("jewelry.model.client_seconds")!, System.Globalization.CultureInfo.InvariantCulture), 0, longest);

        // The multipart body is never read into attributes, and nothing of the file's content is on any span.
        Assert.DoesNotContain(server.Attributes.Keys, key => key.StartsWith("jewelry.request.body", StringComparison.Ordinal));
        Assert.DoesNotContain(spans.SelectMany(span => span.AllValues), value => value.Contains("tetrahedron", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("crest.obj", "obj")]
    [InlineData("crest.3mf", "3mf")]
    public async Task Obj_and_3mf_models_are_recognised_by_their_content(string fileName, string format)
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var content = format == "obj" ? TestModels.Obj() : TestModels.ThreeMf();

        using var response = await shop.PostAsync("/api/models", TestModels.Form(content, fileName));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(format, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("format").GetString());
    }

    [Theory]
    [InlineData("crest.obj", "stl", 400, "model_type_mismatch", "The file's content is STL but its name says OBJ.")]
    [InlineData("crest.stl", "png", 415, "unreadable_model", "The file is not a readable STL, OBJ or 3MF model.")]
    [InlineData("crest.stl", "cut stl", 415, "unreadable_model", "The file is not a readable STL, OBJ or 3MF model.")]
    public async Task A_file_that_is_no_model_or_not_what_its_name_says_is_refused_and_nothing_is_stored(
        string fileName, string content, int status, string errorType, string detail)
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var stl = TestModels.BinaryStl(repeat: 10);
        var bytes = content switch
        {
            "stl" => stl,
            "cut stl" => stl[..^7],
            _ => [0x89, .. "PNG\r\n\u001a\n"u8, .. RandomNumberGenerator.GetBytes(5000)],
        };
        var stored = StoredFiles();
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/models", TestModels.Form(bytes, fileName)));

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(trace.TraceId, problem.GetProperty("traceId").GetString());
        Assert.Equal(stored, StoredFiles());

        var spans = await UploadSpansAsync(trace);
        var store = Assert.Single(spans, span => span.Name == "store model");
        Assert.Equal(SpanStatusCode.Error, store.Status);
        Assert.Equal(errorType, store.Attribute("error.type"));
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Attribute("jewelry.model.size_bytes"));
        Assert.Null(store.Attribute("jewelry.model.sha256"));
    }

    [Fact]
    public async Task A_name_that_is_no_model_file_is_400_before_anything_is_read()
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());

        using var response = await shop.PostAsync("/api/models", TestModels.Form(TestModels.BinaryStl(), "crest.exe"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The model must be an .stl, .obj or .3mf file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_over_100_mib_is_413_without_being_sent()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        using var shop = await _scenario.ShopAsAsync(customerId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models") { Content = new DeclaredLengthContent(103L * 1024 * 1024) };
        // The client waits for the server's go-ahead before sending the body; the Shop refuses on the declared length.
        request.Headers.ExpectContinue = true;

        using var response = await shop.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("A model may be at most 100 MiB.", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task A_model_sent_without_a_length_is_413_once_it_passes_100_mib_and_nothing_is_stored()
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var stored = StoredFiles();
        var trace = new TestTrace();

        // Chunked, so only counting the bytes as they arrive can tell the file is too large.
        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/models",
            TestModels.Form(new OversizedStlContent(101L * 1024 * 1024), "huge.stl")));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("A model may be at most 100 MiB.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(stored, StoredFiles());
        var spans = await UploadSpansAsync(trace);
        var store = Assert.Single(spans, span => span.Name == "store model");
        Assert.Equal("model_too_large", store.Attribute("error.type"));
        // Refused with the read that passed the limit, not at the end of the body.
        Assert.InRange(long.Parse(store.Attribute("jewelry.model.size_bytes")!, System.Globalization.CultureInfo.InvariantCulture),
            100L * 1024 * 1024 + 1, 100L * 1024 * 1024 + (128 * 1024));
    }

    [Fact]
    public async Task An_upload_cut_off_half_way_leaves_nothing_behind_and_its_span_says_so()
    {
        var customerId = await _scenario.RegisterCustomerAsync();
        var token = await fixture.IssueTokenAsync(ResourceNames.ShopApi, Roles.Customer, customerId.ToString());
        var stl = TestModels.BinaryStl(repeat: 20_000);
        using var form = TestModels.Form(stl, "half.stl");
        var body = await form.ReadAsByteArrayAsync();
        var stored = StoredFiles();
        var trace = new TestTrace();

        // A raw connection, so the body can really stop half way: the client declares the whole length, sends half and closes.
        var shopAddress = fixture.App.GetEndpoint(ResourceNames.ShopApi, "http");
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(shopAddress.Host, shopAddress.Port);
            var stream = client.GetStream();
            var head = $"POST /api/models HTTP/1.1\r\nHost: {shopAddress.Authority}\r\nAuthorization: Bearer {token}\r\n" +
                $"traceparent: {trace.TraceParent}\r\nContent-Type: {form.Headers.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
            await stream.FlushAsync();
            await Task.Delay(200);
        }

        var spans = await UploadSpansAsync(trace);
        var store = Assert.Single(spans, span => span.Name == "store model");
        Assert.Equal(SpanStatusCode.Error, store.Status);
        Assert.Equal("upload_interrupted", store.Attribute("error.type"));
        Assert.InRange(long.Parse(store.Attribute("jewelry.model.size_bytes")!, System.Globalization.CultureInfo.InvariantCulture), 1, stl.Length - 1);
        Assert.Equal(stored, StoredFiles());
    }

    [Fact]
    public async Task A_slow_upload_shows_the_time_spent_waiting_for_the_client()
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var stl = TestModels.BinaryStl(repeat: 100);
        var trace = new TestTrace();

        using var response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/models",
            TestModels.Form(new SlowContent(stl, parts: 4, pause: TimeSpan.FromMilliseconds(500)), "slow.stl")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var spans = await UploadSpansAsync(trace);
        var store = Assert.Single(spans, span => span.Name == "store model");
        var waited = double.Parse(store.Attribute("jewelry.model.client_seconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var storing = double.Parse(store.Attribute("jewelry.model.storage_seconds")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(waited >= 1.0, $"Waited {waited} s for a client that paused 1.5 s in all.");
        Assert.True(storing < waited, $"Storage took {storing} s, the client {waited} s.");
    }

    [Fact]
    public async Task Storage_that_fails_is_a_503_with_the_trace_id_and_an_error_span()
    {
        using var shop = await _scenario.ShopAsAsync(await _scenario.RegisterCustomerAsync());
        var incoming = Path.Combine(fixture.EnvironmentOf(ResourceNames.ShopApi, StorePath), ".incoming");
        var trace = new TestTrace();

        // A file where the storage's working directory should be: every write fails, as on a full or read-only disk.
        var setAside = $"{incoming}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(incoming);
        Directory.Move(incoming, setAside);
        await File.WriteAllTextAsync(incoming, "in the way");
        HttpResponseMessage response;
        try
        {
            response = await shop.SendAsync(trace.Request(HttpMethod.Post, "/api/models", TestModels.Form(TestModels.BinaryStl(), "crest.stl")));
        }
        finally
        {
            File.Delete(incoming);
            Directory.Move(setAside, incoming);
        }

        using var _ = response;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Model storage is unavailable", problem.GetProperty("title").GetString());
        Assert.Equal(trace.TraceId, problem.GetProperty("traceId").GetString());

        var spans = await UploadSpansAsync(trace);
        var store = Assert.Single(spans, span => span.Name == "store model");
        Assert.Equal(SpanStatusCode.Error, store.Status);
        Assert.Equal("System.IO.IOException", store.Attribute("error.type"));
        var server = Assert.Single(spans, span => span.Is(ResourceNames.ShopApi, SpanKind.Server));
        Assert.Equal(SpanStatusCode.Error, server.Status);
        Assert.Equal("503", server.Attribute("http.response.status_code"));
    }

    /// <summary>The upload's spans, once both its server span and its <c>store model</c> span have arrived (they may come in separate batches).</summary>
    private Task<IReadOnlyList<TelemetrySpan>> UploadSpansAsync(TestTrace trace) =>
        fixture.Telemetry.WaitForTraceAsync(trace.TraceId, spans =>
            spans.Any(span => span.Name == "store model") && spans.Any(span => span.Is(ResourceNames.ShopApi, SpanKind.Server)));

    /// <summary>The stored models and unfinished uploads, by path and size.</summary>
    private string[] StoredFiles()
    {
        var root = fixture.EnvironmentOf(ResourceNames.ShopApi, StorePath);
        return Directory.Exists(root)
            ? [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>A body that declares its length but is never sent: the server must answer from the headers.</summary>
    private sealed class DeclaredLengthContent : HttpContent
    {
        public DeclaredLengthContent(long length)
        {
            Headers.ContentLength = length;
            Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=jewel");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            throw new InvalidOperationException("The server asked for a body it should have refused.");

        protected override bool TryComputeLength(out long length)
        {
            length = Headers.ContentLength!.Value;
            return true;
        }
    }

    /// <summary>A binary STL header followed by <paramref name="length"/> bytes in all, generated as sent and of no declared length.</summary>
    private sealed class OversizedStlContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var block = new byte[64 * 1024];
            TestModels.BinaryStl().AsSpan(0, 84).CopyTo(block);
            for (long sent = 0; sent < length; sent += block.Length)
            {
                await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - sent)));
                block.AsSpan(0, 84).Clear();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A file sent in parts with pauses between them, as over a slow connection.</summary>
    private sealed class SlowContent(byte[] content, int parts, TimeSpan pause) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var size = (content.Length + parts - 1) / parts;
            for (var offset = 0; offset < content.Length; offset += size)
            {
                if (offset > 0)
                {
                    await stream.FlushAsync();
                    await Task.Delay(pause);
                }

                await stream.WriteAsync(content.AsMemory(offset, Math.Min(size, content.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = content.Length;
            return true;
        }
    }
}
