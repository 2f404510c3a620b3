using System.Text;

namespace CameraCloud.V720.Simulator.Viewing;

/// <summary>
/// A viewer's side of <c>/api/cameras/{id}/mjpeg</c>, for tests and load runs.
/// Reads multipart/x-mixed-replace parts the way a strict client does: boundary line, headers, exactly
/// Content-Length bytes, CRLF. Any deviation throws, so a test that reads parts also checks the framing.
/// </summary>
public sealed class MjpegPartReader(Stream stream, string boundary)
{
    private const int MaxLine = 1024;
    private readonly BufferedStream _input = new(stream, 64 * 1024);

    public async Task<MjpegPart> ReadPartAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken);
        while (line.Length == 0)
        {
            line = await ReadLineAsync(cancellationToken);
        }
        if (line != "--" + boundary)
        {
            throw new InvalidDataException($"expected boundary '--{boundary}', got '{line}'");
        }

        string? contentType = null;
        int? length = null;
        while ((line = await ReadLineAsync(cancellationToken)).Length > 0)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new InvalidDataException($"bad part header '{line}'");
            }
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        if (length is null)
        {
            throw new InvalidDataException("part without Content-Length");
        }

        var body = new byte[length.Value];
        await _input.ReadExactlyAsync(body, cancellationToken);
        if (await ReadLineAsync(cancellationToken) != "")
        {
            throw new InvalidDataException("part body not followed by CRLF");
        }
        return new MjpegPart(contentType ?? "", length.Value, body);
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            await _input.ReadExactlyAsync(one, cancellationToken);
            if (one[0] == (byte)'\n')
            {
                break;
            }
            bytes.Add(one[0]);
            if (bytes.Count > MaxLine)
            {
                throw new InvalidDataException("line too long");
            }
        }
        if (bytes.Count > 0 && bytes[^1] == (byte)'\r')
        {
            bytes.RemoveAt(bytes.Count - 1);
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }
}
