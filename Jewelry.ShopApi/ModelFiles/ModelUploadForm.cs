namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// The upload form as OpenAPI describes it: one file field named <c>file</c>. The endpoint reads the multipart body
/// itself, as a stream, so this type is never bound (binding would buffer the file).
/// </summary>
public sealed record ModelUploadForm(IFormFile File);
