using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;

namespace CameraCloud.Gateway;

/// <summary>
/// Writes a <c>multipart/x-mixed-replace</c> MJPEG stream. Each part is
/// <c>--{boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: N\r\n\r\n{jpeg}\r\n</c>; a stream that the
/// server ends closes with <c>--{boundary}--\r\n</c>.
/// </summary>
/// <remarks>
/// The boundary is random per stream so that it cannot occur inside the JPEG bytes by design of a camera
/// (clients that ignore Content-Length search for it).
/// </remarks>
public sealed class MjpegStreamWriter
{
    /// <summary>RFC 2046 caps a boundary at 70 characters.</summary>
    public const int MaxBoundaryLength = 70;

    private readonly byte[] _partStart;
    private readonly byte[] _streamEnd;

    public MjpegStreamWriter(string boundary)
    {
        if (!IsValidBoundary(boundary))
        {
            throw new ArgumentException("A boundary is 1 to 70 ASCII letters, digits, '-', '_' or '.'.", nameof(boundary));
        }
        Boundary = boundary;
        _partStart = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: ");
        _streamEnd = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
    }

    public string Boundary { get; }

    /// <summary>The response's Content-Type header value.</summary>
    public string ContentType => $"multipart/x-mixed-replace; boundary={Boundary}";

    public static MjpegStreamWriter WithRandomBoundary() =>
        new("cameracloud-" + RandomNumberGenerator.GetHexString(24, lowercase: true));

    /// <summary>Writes one part holding <paramref name="jpeg"/>.</summary>
    public void WritePart(IBufferWriter<byte> output, ReadOnlySpan<byte> jpeg)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(_partStart);
        Span<byte> digits = stackalloc byte[11];
        jpeg.Length.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        output.Write(digits[..written]);
        output.Write("\r\n\r\n"u8);
        output.Write(jpeg);
        output.Write("\r\n"u8);
    }

    /// <summary>Writes one part and flushes it to the client.</summary>
    /// <returns>false when the reader is gone and nothing more should be written.</returns>
    public async ValueTask<bool> WritePartAsync(PipeWriter output, ReadOnlyMemory<byte> jpeg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        WritePart(output, jpeg.Span);
        var flushed = await output.FlushAsync(cancellationToken);
        return !flushed.IsCompleted && !flushed.IsCanceled;
    }

    /// <summary>Writes the closing delimiter, for a stream that ends because its source ended.</summary>
    public void WriteEnd(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(_streamEnd);
    }

    private static bool IsValidBoundary(string? boundary)
    {
        if (boundary is not { Length: > 0 and <= MaxBoundaryLength })
        {
            return false;
        }
        foreach (var c in boundary)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }
        return true;
    }
}
