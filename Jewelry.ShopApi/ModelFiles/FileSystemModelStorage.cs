using Microsoft.Extensions.Options;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// Models as files in one directory, named by model id. An upload is written to <c>.incoming/</c> first and moved
/// into place only when complete, so a cut-off or refused upload leaves nothing behind, even across a crash (the
/// incoming directory holds only unfinished files).
/// </summary>
public sealed class FileSystemModelStorage(IOptions<ModelStorageOptions> options) : IModelStorage
{
    private const int BufferSize = 81920;

    private string Root => options.Value.Path;

    private string Incoming => Path.Combine(Root, ".incoming");

    public async Task SaveAsync(Guid modelId, Stream content, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(Incoming, $"{modelId:N}.part");
        try
        {
            Directory.CreateDirectory(Incoming);
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken);
            }

            File.Move(partial, PathOf(modelId));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            DeleteIfPresent(partial);
            throw new ModelStorageException("The model could not be written to storage.", exception);
        }
        catch
        {
            DeleteIfPresent(partial);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(Guid modelId, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult<Stream?>(new FileStream(
                PathOf(modelId), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ModelStorageException("The model could not be read from storage.", exception);
        }
    }

    public Task DeleteAsync(Guid modelId, CancellationToken cancellationToken)
    {
        DeleteIfPresent(PathOf(modelId));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Deletes unfinished uploads last written before <paramref name="cutoff"/>: what a crash or a killed process
    /// left in <c>.incoming/</c>. Returns how many it deleted.
    /// </summary>
    public int DeleteAbandonedUploads(DateTime cutoff)
    {
        if (!Directory.Exists(Incoming))
        {
            return 0;
        }

        var abandoned = Directory.EnumerateFiles(Incoming, "*.part").Where(file => File.GetLastWriteTimeUtc(file) < cutoff).ToList();
        abandoned.ForEach(DeleteIfPresent);
        return abandoned.Count;
    }

    private string PathOf(Guid modelId) => Path.Combine(Root, $"{modelId:N}");

    private static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover in .incoming is never served (only moved files are models); the caller needs the first error.
        }
    }
}
