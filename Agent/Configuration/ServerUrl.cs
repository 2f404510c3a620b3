namespace CameraCloud.Agent.Configuration;

/// <summary>Checks a server URL and completes it with the agent endpoint's path.</summary>
public static class ServerUrl
{
    public const string DefaultPath = "/agent/connect";

    /// <summary>
    /// Accepts <c>ws://</c> and <c>wss://</c> URLs without credentials; a URL with no path gets
    /// <see cref="DefaultPath"/>, so <c>wss://cloud.example</c> is enough in a config file.
    /// </summary>
    public static Uri? TryNormalize(string text, out string? error)
    {
        error = null;
        text = text.Trim();
        if (text.Length > AgentLimits.MaxUrlLength)
        {
            error = $"server URL is longer than {AgentLimits.MaxUrlLength} characters";
            return null;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"server '{TargetSyntax.Shorten(text)}' is not an absolute URL such as wss://cloud.example:443";
            return null;
        }
        if (uri.Scheme != "ws" && uri.Scheme != "wss")
        {
            error = $"server '{TargetSyntax.Shorten(text)}': the scheme must be ws:// or wss://, not {uri.Scheme}://";
            return null;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "server URL must not hold credentials; use id and token";
            return null;
        }
        if (uri.AbsolutePath == "/")
        {
            uri = new UriBuilder(uri) { Path = DefaultPath }.Uri;
        }
        return uri;
    }
}
