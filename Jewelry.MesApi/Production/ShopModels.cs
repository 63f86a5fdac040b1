using System.Net;
using System.Net.Http.Headers;
using Jewelry.ServiceDefaults.Tracing;

namespace Jewelry.MesApi.Production;

/// <summary>The customers' 3D models, which the Shop stores: opened as a stream, never read whole into memory.</summary>
public sealed class ShopModels(HttpClient http)
{
    /// <summary>The model's file, or null if the Shop has none under this id. The caller's token decides what they may read.</summary>
    public async Task<ModelDownload?> OpenAsync(Guid modelId, AuthenticationHeaderValue? callerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/models/{modelId}/content").WithUrlTemplate("/api/models/{id}/content");
        request.Headers.Authorization = callerToken;

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }

        try
        {
            response.EnsureSuccessStatusCode();
            return new ModelDownload(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

/// <summary>A model being downloaded from the Shop; disposing it ends the download.</summary>
public sealed class ModelDownload(HttpResponseMessage response, Stream content) : IDisposable
{
    public Stream Content { get; } = content;

    public string ContentType => response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";

    public string? FileName => response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    /// <summary>The Shop's SHA-256 of the file (RFC 9530 <c>Repr-Digest</c>), passed on so the operator can check it.</summary>
    public string? ReprDigest => response.Headers.TryGetValues("Repr-Digest", out var values) ? values.FirstOrDefault() : null;

    public void Dispose()
    {
        Content.Dispose();
        response.Dispose();
    }
}
