using System.Diagnostics;
using System.Security.Cryptography;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// The upload as storage reads it: passes the client's bytes through once, never holding more than the first
/// <see cref="ModelFormatDetector.HeadLength"/> of them, and on the way counts them, hashes them (SHA-256),
/// tells the format from the first bytes and times how long it waited for the client. It fails the read (so
/// storage keeps nothing) as soon as the file is too large, is no model, or is not the format its name claims,
/// and at the end when a binary STL is shorter or longer than its header says.
/// </summary>
public sealed class InspectedUploadStream(Stream client, ModelFormat claimedFormat, long maxBytes) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _head = new byte[ModelFormatDetector.HeadLength];
    private int _headLength;
    private long _clientWaitTicks;
    private ModelFormat? _format;

    /// <summary>Bytes read so far; the file's size once read to the end.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The format found in the content (once the first bytes are read).</summary>
    public ModelFormat? Format => _format;

    /// <summary>Time spent waiting for the client's bytes, as opposed to writing them.</summary>
    public TimeSpan ClientWait => Stopwatch.GetElapsedTime(0, _clientWaitTicks);

    /// <summary>Lower-case hex SHA-256 of the whole file; only once it has been read to the end.</summary>
    public string? Sha256 { get; private set; }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        int read;
        try
        {
            read = await client.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException or OperationCanceledException)
        {
            throw new UploadInterruptedException(exception);
        }
        finally
        {
            _clientWaitTicks += Stopwatch.GetTimestamp() - started;
        }

        Inspect(buffer.Span[..read]);
        return read;
    }

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        if (BytesRead > maxBytes)
        {
            throw new ModelRefusedException(StatusCodes.Status413PayloadTooLarge, "model_too_large",
                $"A model may be at most {maxBytes / (1024 * 1024)} MiB.");
        }

        _hash.AppendData(bytes);
        var toHead = Math.Min(bytes.Length, _head.Length - _headLength);
        bytes[..toHead].CopyTo(_head.AsSpan(_headLength));
        _headLength += toHead;

        var atEnd = bytes.IsEmpty;
        if (_format is null && (_headLength == _head.Length || atEnd))
        {
            _format = ModelFormatDetector.Detect(_head.AsSpan(0, _headLength)) ?? throw Unreadable();
            if (_format != claimedFormat)
            {
                throw new ModelRefusedException(StatusCodes.Status400BadRequest, "model_type_mismatch",
                    $"The file's content is {ModelFormats.NameOf(_format.Value).ToUpperInvariant()} but its name says {ModelFormats.NameOf(claimedFormat).ToUpperInvariant()}.");
            }
        }

        if (atEnd)
        {
            if (!ModelFormatDetector.IsComplete(_format!.Value, _head.AsSpan(0, _headLength), BytesRead))
            {
                throw Unreadable();
            }

            Sha256 ??= Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
    }

    private static ModelRefusedException Unreadable() => new(StatusCodes.Status415UnsupportedMediaType, "unreadable_model",
        "The file is not a readable STL, OBJ or 3MF model.");

    // Request bodies are read asynchronously only (Kestrel refuses synchronous reads).
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
