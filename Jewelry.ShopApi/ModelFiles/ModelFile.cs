namespace Jewelry.ShopApi.ModelFiles;

/// <summary>An uploaded 3D model: what it is, how large, and its SHA-256 as stored. Times are UTC.</summary>
public sealed record ModelFile(Guid Id, string FileName, [property: ModelFormatName] string Format, long SizeBytes, string Sha256, DateTime CreatedAt);
