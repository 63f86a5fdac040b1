namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// Where model files live. A model is stored whole or not at all: <see cref="SaveAsync"/> keeps the file only when
/// the content stream was read to its end without an error. The file system is the implementation for F5 and the
/// tests; a cloud blob store is the swap for production (docs/operations.md).
/// </summary>
public interface IModelStorage
{
    /// <summary>Streams <paramref name="content"/> into storage; throws <see cref="ModelStorageException"/> when storage fails.</summary>
    Task SaveAsync(Guid modelId, Stream content, CancellationToken cancellationToken);

    /// <summary>The stored file, or null if there is none.</summary>
    Task<Stream?> OpenReadAsync(Guid modelId, CancellationToken cancellationToken);

    Task DeleteAsync(Guid modelId, CancellationToken cancellationToken);
}
