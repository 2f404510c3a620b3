namespace CameraCloud.Agent.Configuration;

/// <summary>How a token appears in logs and status: never the token itself.</summary>
public static class TokenMask
{
    /// <summary>
    /// Shows only the length, plus the first two characters of a long token so an operator can tell
    /// two tokens apart; two characters of a 20+ character random token give nothing useful away.
    /// </summary>
    public static string Mask(string? token) => token switch
    {
        null or "" => "(none)",
        { Length: < 20 } => $"*** ({token.Length} chars)",
        _ => $"{token[..2]}*** ({token.Length} chars)",
    };
}
