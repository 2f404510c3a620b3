namespace CameraCloud.Bench.TunnelLoad;

internal static class UriExtensions
{
    /// <summary>http://host:port/x → ws://host:port/x (https → wss).</summary>
    public static Uri ToWebSocketUri(this Uri uri) =>
        new UriBuilder(uri) { Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
}
