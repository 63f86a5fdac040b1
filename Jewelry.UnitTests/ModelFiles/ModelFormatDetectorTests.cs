extern alias ShopApi;

using System.Text;
using Jewelry.Tests.ModelFiles;
using ShopApi::Jewelry.ShopApi.ModelFiles;

namespace Jewelry.UnitTests.ModelFiles;

public sealed class ModelFormatDetectorTests
{
    public static TheoryData<string, ModelFormat> Models => new()
    {
        { "binary stl", ModelFormat.Stl },
        { "ascii stl", ModelFormat.Stl },
        { "obj", ModelFormat.Obj },
        { "3mf", ModelFormat.ThreeMf },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void A_model_is_known_by_its_content_and_whole(string name, ModelFormat format)
    {
        var content = ContentOf(name);
        var head = content.AsSpan(0, Math.Min(content.Length, ModelFormatDetector.HeadLength));

        Assert.Equal(format, ModelFormatDetector.Detect(head));
        Assert.True(ModelFormatDetector.IsComplete(format, head, content.Length));
    }

    [Fact]
    public void A_binary_stl_shorter_or_longer_than_its_header_says_is_not_whole()
    {
        var stl = TestModels.BinaryStl(repeat: 2);

        Assert.False(ModelFormatDetector.IsComplete(ModelFormat.Stl, stl, stl.Length - 50));
        Assert.False(ModelFormatDetector.IsComplete(ModelFormat.Stl, stl, stl.Length + 1));
    }

    [Theory]
    [InlineData("\u0089PNG\r\n\u001a\n")]
    [InlineData("%PDF-1.7")]
    [InlineData("hello, this is plain text and no model at all")]
    [InlineData("PK\u0003\u0004")]
    public void Content_that_is_no_model_is_not_recognised(string start) =>
        Assert.Null(ModelFormatDetector.Detect(Encoding.Latin1.GetBytes(start)));

    [Fact]
    public void A_zip_that_is_not_a_3mf_package_is_not_recognised()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("invoice.docx").Open();
            entry.Write("not a model"u8);
        }

        Assert.Null(ModelFormatDetector.Detect(stream.ToArray()));
    }

    [Theory]
    [InlineData("crest.stl", ModelFormat.Stl)]
    [InlineData("CREST.OBJ", ModelFormat.Obj)]
    [InlineData("crest.3mf", ModelFormat.ThreeMf)]
    [InlineData("crest.exe", null)]
    [InlineData("crest", null)]
    public void A_name_claims_a_format_by_its_extension_only(string fileName, ModelFormat? format) =>
        Assert.Equal(format, ModelFormats.ClaimedBy(fileName));

    [Theory]
    [InlineData(ModelFormat.Stl)]
    [InlineData(ModelFormat.Obj)]
    [InlineData(ModelFormat.ThreeMf)]
    public void A_format_s_stored_name_reads_back_as_the_format(ModelFormat format) =>
        Assert.Equal(format, ModelFormats.Named(ModelFormats.NameOf(format)));

    internal static byte[] ContentOf(string name) => name switch
    {
        "binary stl" => TestModels.BinaryStl(),
        "ascii stl" => Encoding.ASCII.GetBytes("solid crest\n facet normal 0 0 0\n  outer loop\n   vertex 0 0 0\n   vertex 1 0 0\n   vertex 0 1 0\n  endloop\n endfacet\nendsolid crest\n"),
        "obj" => TestModels.Obj(),
        _ => TestModels.ThreeMf(),
    };
}
