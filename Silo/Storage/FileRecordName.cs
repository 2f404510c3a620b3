using System.Security.Cryptography;
using System.Text;

namespace CameraCloud.Silo.Storage;

/// <summary>
/// Turns any string (a grain key from the outside world, say <c>../x</c> or 200 emoji) into one safe
/// file-name segment. Only <c>[a-z0-9-]</c> pass through; every other UTF-8 byte becomes <c>_hh</c>,
/// so the mapping is one-to-one, never produces <c>.</c>, <c>..</c> or a separator, and does not
/// depend on the file system being case-sensitive (upper case is escaped too). A name longer than
/// the limit keeps a readable prefix and ends in <c>~</c> plus a SHA-256 prefix; the record itself
/// stores the original key, so a hash collision would be detected, not silently shared.
/// </summary>
internal static class FileRecordName
{
    private const int HashChars = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string value, int maxLength, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The {what} contains an unpaired surrogate and cannot be stored.", what, ex);
        }

        if (bytes.Length == 0)
        {
            // A lone "_" is never produced otherwise: every other "_" starts a two-digit escape.
            return "_";
        }

        var name = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'-')
            {
                name.Append((char)b);
            }
            else
            {
                name.Append('_').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (name.Length <= maxLength)
        {
            return name.ToString();
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..HashChars];
        return string.Concat(name.ToString(0, maxLength - HashChars - 1), "~", hash);
    }
}
