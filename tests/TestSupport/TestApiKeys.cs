namespace CameraCloud.TestSupport;

/// <summary>
/// The admin API key of the nodes tests start. Every <c>/api/*</c> route asks for <c>Authorization: Bearer &lt;key&gt;</c>;
/// a node takes its first admin key from <c>Auth:BootstrapAdminKey</c>, so a test starts its node with
/// <see cref="BootstrapArg"/> (or that configuration value) and calls the API as that admin through
/// <see cref="Authorize"/>. A test about authentication itself passes its own key after these, which wins.
/// </summary>
public static class TestApiKeys
{
    /// <summary>
    /// The bootstrap admin key: 32 to 256 printable ASCII characters without spaces, as a node requires. Fixed,
    /// so a failing test's request can be repeated by hand; it guards nothing but throw-away test nodes.
    /// </summary>
    public const string Admin = "cameracloud-test-admin-key-0123456789abcdef";

    /// <summary>The configuration key of the bootstrap admin key, for a node composed from configuration values.</summary>
    public const string BootstrapConfigKey = "Auth:BootstrapAdminKey";

    /// <summary>The command-line argument that makes <see cref="Admin"/> a node's bootstrap admin key.</summary>
    public const string BootstrapArg = "--" + BootstrapConfigKey + "=" + Admin;

    /// <summary>The header line for a request written by hand, CRLF included.</summary>
    public const string AuthorizationLine = "Authorization: Bearer " + Admin + "\r\n";

    /// <summary>
    /// Makes every request of <paramref name="client"/> carry <c>Authorization: Bearer</c> <see cref="Admin"/>.
    /// A request that sets its own Authorization header sends that one instead.
    /// </summary>
    public static void Authorize(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new("Bearer", Admin);
    }
}
