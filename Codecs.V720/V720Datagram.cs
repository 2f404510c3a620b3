namespace CameraCloud.Codecs.V720;

/// <summary>
/// Parses one UDP datagram: one message per datagram. A tail longer than payload_len is ignored
/// (spec §3.1); a datagram shorter than its header or its declared payload is rejected.
/// </summary>
public static class V720Datagram
{
    public static bool TryParse(ReadOnlySpan<byte> datagram, out V720Header header, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        header = default;
        if (datagram.Length < V720Header.Size)
        {
            return false;
        }

        header = V720Header.Read(datagram);
        if (header.PayloadLength > (uint)(datagram.Length - V720Header.Size))
        {
            return false;
        }

        payload = datagram.Slice(V720Header.Size, (int)header.PayloadLength);
        return true;
    }
}
