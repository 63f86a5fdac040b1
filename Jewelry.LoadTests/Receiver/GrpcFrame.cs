using System.Buffers.Binary;

namespace Jewelry.LoadTests.Receiver;

/// <summary>
/// gRPC's length-prefixed message (one byte compressed flag, four bytes big-endian length, the protobuf message), as an
/// OTLP/gRPC export request and its answer carry it. The relay reads the raw message, as it does over OTLP/HTTP, so it
/// counts with the same few fields (otlp_counts.proto) instead of a generated service.
/// </summary>
internal static class GrpcFrame
{
    public const string ContentType = "application/grpc";
    private const int PrefixLength = 5;

    /// <summary>An empty message: the whole answer of an export that was accepted in full.</summary>
    public static ReadOnlyMemory<byte> Empty { get; } = new byte[PrefixLength];

    /// <summary>The message of a single-message body; null when the body is not one uncompressed message.</summary>
    public static ReadOnlyMemory<byte>? Unwrap(ReadOnlyMemory<byte> body)
    {
        if (body.Length < PrefixLength || body.Span[0] != 0)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(body.Span[1..PrefixLength]);
        return length == body.Length - PrefixLength ? body[PrefixLength..] : null;
    }
}

/// <summary>The gRPC status codes the relay answers or reads (grpc/doc/statuscodes.md).</summary>
internal enum GrpcStatus
{
    Ok = 0,
    Unknown = 2,
    Unimplemented = 12,
    Unavailable = 14,
}
