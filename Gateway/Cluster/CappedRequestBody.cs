using Microsoft.AspNetCore.Http;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// A client's request body of unknown length (chunked) on its way to the owner, cut off past the cap with the
/// server's own 413 exception. Counting here, rather than lowering Kestrel's <c>MaxRequestBodySize</c>, matters for
/// the client: Kestrel fails a body that outgrows that limit and closes the connection without reading the rest,
/// so a client still sending gets a reset instead of the 413. A body refused here was only left unread, and Kestrel
/// reads and discards the rest after the response (within its drain timeout), as it does for the owner's own 413.
/// </summary>
internal sealed class CappedRequestBody(Stream body, int maxBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // One byte past the cap is enough to know; asking for more would read bytes that are then refused anyway.
        var room = (int)Math.Min(buffer.Length, maxBytes + 1 - _read);
        var read = await body.ReadAsync(buffer[..room], cancellationToken);
        _read += read;
        if (_read > maxBytes)
        {
            throw new BadHttpRequestException($"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The forwarded body is read asynchronously only.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
