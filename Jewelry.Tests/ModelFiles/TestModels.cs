using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace Jewelry.Tests.ModelFiles;

/// <summary>Real, small 3D model files, generated: what a customer's CAD tool would export.</summary>
public static class TestModels
{
    /// <summary>A binary STL of a tetrahedron: an 80-byte header, the triangle count, and 50 bytes per triangle.</summary>
    public static byte[] BinaryStl(int repeat = 1)
    {
        float[][] corners = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]];
        int[][] faces = [[0, 2, 1], [0, 1, 3], [0, 3, 2], [1, 2, 3]];
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Encoding.ASCII.GetBytes("Alexandrite test tetrahedron".PadRight(80)));
        writer.Write((uint)(faces.Length * repeat));
        for (var copy = 0; copy < repeat; copy++)
        {
            foreach (var face in faces)
            {
                writer.Write(0f);
                writer.Write(0f);
                writer.Write(0f);
                foreach (var corner in face)
                {
                    writer.Write(corners[corner][0] + copy);
                    writer.Write(corners[corner][1]);
                    writer.Write(corners[corner][2]);
                }

                writer.Write((ushort)0);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    public static byte[] Obj() => Encoding.ASCII.GetBytes("""
        # Alexandrite test tetrahedron
        o crest
        v 0 0 0
        v 10 0 0
        v 0 10 0
        v 0 0 10
        f 1 3 2
        f 1 2 4
        f 1 4 3
        f 2 3 4

        """);

    /// <summary>A 3MF package: a ZIP whose first part is [Content_Types].xml, with the model in 3D/3dmodel.model.</summary>
    public static byte[] ThreeMf()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Target="/3D/3dmodel.model" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>""");
            Write(zip, "3D/3dmodel.model", """<?xml version="1.0" encoding="UTF-8"?><model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"><resources><object id="1" type="model"><mesh><vertices><vertex x="0" y="0" z="0"/><vertex x="10" y="0" z="0"/><vertex x="0" y="10" z="0"/><vertex x="0" y="0" z="10"/></vertices><triangles><triangle v1="0" v2="2" v3="1"/><triangle v1="0" v2="1" v3="3"/><triangle v1="0" v2="3" v3="2"/><triangle v1="1" v2="2" v3="3"/></triangles></mesh></object></resources><build><item objectid="1"/></build></model>""");
        }

        return stream.ToArray();
    }

    /// <summary>The form a browser sends: the file in the multipart field <c>file</c>.</summary>
    public static MultipartFormDataContent Form(byte[] content, string fileName) => Form(new ByteArrayContent(content), fileName);

    public static MultipartFormDataContent Form(HttpContent file, string fileName)
    {
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }
}
