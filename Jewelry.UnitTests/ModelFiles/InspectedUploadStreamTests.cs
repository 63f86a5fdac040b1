extern alias ShopApi;

using System.Security.Cryptography;
using Jewelry.Tests.ModelFiles;
using ShopApi::Jewelry.ShopApi.ModelFiles;

namespace Jewelry.UnitTests.ModelFiles;

public sealed class InspectedUploadStreamTests
{
    [Fact]
    public async Task A_whole_model_passes_through_with_its_size_format_and_sha256()
    {
        var stl = TestModels.BinaryStl(repeat: 100);
        await using var upload = new InspectedUploadStream(new MemoryStream(stl), ModelFormat.Stl, maxBytes: stl.Length);
        using var copy = new MemoryStream();

        await upload.CopyToAsync(copy);

        Assert.Equal(stl, copy.ToArray());
        Assert.Equal(stl.Length, upload.BytesRead);
        Assert.Equal(ModelFormat.Stl, upload.Format);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stl)), upload.Sha256);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_413_as_soon_as_it_passes_it()
    {
        var stl = TestModels.BinaryStl(repeat: 100);
        await using var upload = new InspectedUploadStream(new MemoryStream(stl), ModelFormat.Stl, maxBytes: stl.Length - 1);

        var refused = await Assert.ThrowsAsync<ModelRefusedException>(() => upload.CopyToAsync(Stream.Null));

        Assert.Equal(413, refused.StatusCode);
        Assert.Equal("model_too_large", refused.ErrorType);
        Assert.Null(upload.Sha256);
    }

    [Fact]
    public async Task A_model_named_as_another_format_is_refused_400()
    {
        await using var upload = new InspectedUploadStream(new MemoryStream(TestModels.BinaryStl()), ModelFormat.Obj, maxBytes: 1 << 20);

        var refused = await Assert.ThrowsAsync<ModelRefusedException>(() => upload.CopyToAsync(Stream.Null));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("model_type_mismatch", refused.ErrorType);
        Assert.Equal("The file's content is STL but its name says OBJ.", refused.Message);
    }

    [Fact]
    public async Task A_binary_stl_cut_short_is_refused_415_at_its_end()
    {
        var stl = TestModels.BinaryStl(repeat: 100);
        await using var upload = new InspectedUploadStream(new MemoryStream(stl[..^50]), ModelFormat.Stl, maxBytes: 1 << 20);

        var refused = await Assert.ThrowsAsync<ModelRefusedException>(() => upload.CopyToAsync(Stream.Null));

        Assert.Equal(415, refused.StatusCode);
        Assert.Equal("unreadable_model", refused.ErrorType);
    }

    [Fact]
    public async Task A_client_that_breaks_off_is_an_interrupted_upload()
    {
        await using var upload = new InspectedUploadStream(new BrokenStream(), ModelFormat.Stl, maxBytes: 1 << 20);

        var interrupted = await Assert.ThrowsAsync<UploadInterruptedException>(() => upload.CopyToAsync(Stream.Null));

        Assert.IsType<IOException>(interrupted.InnerException);
    }

    private sealed class BrokenStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new IOException("The client reset the connection.");
    }
}
