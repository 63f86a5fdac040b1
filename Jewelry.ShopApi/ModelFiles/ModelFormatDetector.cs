using System.Buffers.Binary;
using System.Text;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// Tells a model's format from its content, never from its name: 3MF by the ZIP signature and the name of its first
/// part, OBJ by its first statement, STL as text (<c>solid</c> ... <c>facet</c>) or as binary, whose triangle count
/// in the header must match the file's length.
/// </summary>
public static class ModelFormatDetector
{
    /// <summary>How much of the start of a file the detection reads.</summary>
    public const int HeadLength = 4096;

    private const int BinaryStlHeaderLength = 84;
    private const int BinaryStlTriangleLength = 50;

    private static ReadOnlySpan<byte> ZipSignature => "PK\u0003\u0004"u8;

    private static readonly string[] ThreeMfFirstParts = ["[Content_Types].xml", "_rels/.rels", "3D/"];

    private static readonly HashSet<string> ObjStatements =
        ["v", "vt", "vn", "vp", "f", "l", "p", "o", "g", "s", "mtllib", "usemtl", "cstype", "deg", "curv", "surf"];

    /// <summary>
    /// The format the first bytes show, or null when they are none of ours. <paramref name="head"/> is the first
    /// <see cref="HeadLength"/> bytes, or the whole file when it is shorter. A binary STL still needs
    /// <see cref="IsComplete"/> once the length is known.
    /// </summary>
    public static ModelFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(ZipSignature))
        {
            // Any other ZIP (an Office file, an archive of models) is not a model we can take.
            return IsThreeMf(head) ? ModelFormat.ThreeMf : null;
        }

        if (IsText(head))
        {
            if (IsAsciiStl(head))
            {
                return ModelFormat.Stl;
            }

            if (IsObj(head))
            {
                return ModelFormat.Obj;
            }
        }

        return head.Length >= BinaryStlHeaderLength && TrianglesOf(head) > 0 ? ModelFormat.Stl : null;
    }

    /// <summary>Whether a file detected as <paramref name="format"/> is whole: a binary STL has exactly the length its header announces.</summary>
    public static bool IsComplete(ModelFormat format, ReadOnlySpan<byte> head, long length) =>
        format != ModelFormat.Stl ||
        (IsText(head) && IsAsciiStl(head)) ||
        (head.Length >= BinaryStlHeaderLength && length == BinaryStlHeaderLength + (BinaryStlTriangleLength * TrianglesOf(head)));

    private static long TrianglesOf(ReadOnlySpan<byte> head) => BinaryPrimitives.ReadUInt32LittleEndian(head[80..84]);

    private static bool IsThreeMf(ReadOnlySpan<byte> head)
    {
        // A ZIP local file header: signature, then the name's length at 26 and the name itself at 30.
        if (head.Length < 30)
        {
            return false;
        }

        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[26..28]);
        if (head.Length < 30 + nameLength)
        {
            return false;
        }

        var name = Encoding.ASCII.GetString(head.Slice(30, nameLength));
        return ThreeMfFirstParts.Any(part => name.StartsWith(part, StringComparison.Ordinal));
    }

    private static bool IsText(ReadOnlySpan<byte> head) => head.Length > 0 && !head.Contains((byte)0);

    private static bool IsAsciiStl(ReadOnlySpan<byte> head)
    {
        var text = Encoding.ASCII.GetString(head).TrimStart();
        return text.StartsWith("solid", StringComparison.OrdinalIgnoreCase) &&
            (text.Contains("facet", StringComparison.OrdinalIgnoreCase) || text.Contains("endsolid", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsObj(ReadOnlySpan<byte> head)
    {
        foreach (var line in Encoding.ASCII.GetString(head).Split('\n'))
        {
            var statement = line.Trim();
            if (statement.Length == 0 || statement.StartsWith('#'))
            {
                continue;
            }

            var keyword = statement.Split([' ', '\t'], 2)[0];
            return ObjStatements.Contains(keyword) && statement.Length > keyword.Length;
        }

        return false;
    }
}
