namespace Jewelry.ShopApi.ModelFiles;

/// <summary>What the <c>store model</c> span says about an upload. The content itself never reaches a span.</summary>
public static class ModelSpanAttributes
{
    public const string Id = "jewelry.model.id";

    /// <summary>The format the content shows: <c>stl</c>, <c>obj</c>, <c>3mf</c>.</summary>
    public const string Format = "jewelry.model.format";

    /// <summary>The format the file name claims, so a mismatch is visible.</summary>
    public const string ClaimedFormat = "jewelry.model.claimed_format";

    /// <summary>Bytes received; the file's size when the upload completed.</summary>
    public const string SizeBytes = "jewelry.model.size_bytes";

    /// <summary>Lower-case hex SHA-256 of the stored file (absent unless the file arrived whole).</summary>
    public const string Sha256 = "jewelry.model.sha256";

    /// <summary>Seconds spent waiting for the client's bytes: most of the span for a slow upload.</summary>
    public const string ClientSeconds = "jewelry.model.client_seconds";

    /// <summary>Seconds spent writing to storage.</summary>
    public const string StorageSeconds = "jewelry.model.storage_seconds";
}
