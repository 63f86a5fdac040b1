extern alias ShopApi;

using Jewelry.Tests.ModelFiles;
using Microsoft.Extensions.Options;
using ShopApi::Jewelry.ShopApi.ModelFiles;

namespace Jewelry.UnitTests.ModelFiles;

public sealed class FileSystemModelStorageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"jewelry-models-{Guid.NewGuid():N}");

    private FileSystemModelStorage Storage => new(Options.Create(new ModelStorageOptions { Path = _root }));

    [Fact]
    public async Task A_model_read_to_its_end_is_stored_and_read_back()
    {
        var modelId = Guid.NewGuid();
        var stl = TestModels.BinaryStl();

        await Storage.SaveAsync(modelId, new MemoryStream(stl), CancellationToken.None);

        await using var stored = await Storage.OpenReadAsync(modelId, CancellationToken.None);
        using var copy = new MemoryStream();
        await stored!.CopyToAsync(copy);
        Assert.Equal(stl, copy.ToArray());
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, ".incoming")));
    }

    [Fact]
    public async Task A_model_whose_stream_fails_half_way_leaves_nothing_behind()
    {
        var modelId = Guid.NewGuid();
        var stl = TestModels.BinaryStl(repeat: 1000);
        await using var upload = new InspectedUploadStream(new MemoryStream(stl[..(stl.Length / 2)]), ModelFormat.Stl, maxBytes: stl.Length);

        await Assert.ThrowsAsync<ModelRefusedException>(() => Storage.SaveAsync(modelId, upload, CancellationToken.None));

        Assert.Null(await Storage.OpenReadAsync(modelId, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Storage_that_cannot_be_written_is_a_storage_failure()
    {
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Path.Combine(_root, ".incoming"), "a file where the directory should be");

        var failure = await Assert.ThrowsAsync<ModelStorageException>(
            () => Storage.SaveAsync(Guid.NewGuid(), new MemoryStream(TestModels.BinaryStl()), CancellationToken.None));

        Assert.IsAssignableFrom<IOException>(failure.InnerException);
    }

    [Fact]
    public async Task Only_unfinished_uploads_older_than_the_cutoff_are_deleted_as_abandoned()
    {
        var incoming = Directory.CreateDirectory(Path.Combine(_root, ".incoming")).FullName;
        var old = Path.Combine(incoming, "old.part");
        var recent = Path.Combine(incoming, "recent.part");
        await File.WriteAllTextAsync(old, "left by a crash");
        await File.WriteAllTextAsync(recent, "still arriving");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));
        var modelId = Guid.NewGuid();
        await Storage.SaveAsync(modelId, new MemoryStream(TestModels.BinaryStl()), CancellationToken.None);

        var deleted = Storage.DeleteAbandonedUploads(DateTime.UtcNow.AddDays(-1));

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.NotNull(await Storage.OpenReadAsync(modelId, CancellationToken.None));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
