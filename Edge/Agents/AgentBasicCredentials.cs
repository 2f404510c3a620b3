using System.Text;

namespace CameraCloud.Edge.Agents;

/// <summary>Reads <c>Authorization: Basic base64(id:token)</c> (docs/tunnel-protocol.md §1) without trusting its size.</summary>
public static class AgentBasicCredentials
{
    // An id of 64 and a token of 43 characters encode to well under this; more is not an agent.
    private const int MaxHeaderLength = 512;

    public static bool TryParse(string? authorization, out string agentId, out string token)
    {
        agentId = string.Empty;
        token = string.Empty;
        const string scheme = "Basic ";
        if (authorization is null || authorization.Length > MaxHeaderLength
            || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var encoded = authorization.AsSpan(scheme.Length).Trim();
        Span<byte> decoded = stackalloc byte[MaxHeaderLength];
        if (!Convert.TryFromBase64Chars(encoded, decoded, out var written))
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(decoded[..written]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        agentId = text[..colon];
        token = text[(colon + 1)..];
        return true;
    }
}
