namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>The head of a node-to-node stream request as RemoteAgentStreamConnector writes it, with parts a test can leave out or change.</summary>
internal static class InternalStreamRequest
{
    public const string Client = "198.51.100.4:50123";

    public static string Head(string agentId, string target, string? key = InTestMembership.DefaultKey, string? upgrade = "cameracloud-stream")
    {
        var head = $"GET /internal/agents/{agentId}/targets/{target}/stream HTTP/1.1\r\nHost: node\r\n";
        if (upgrade is not null)
        {
            head += $"Connection: Upgrade\r\nUpgrade: {upgrade}\r\n";
        }
        if (key is not null)
        {
            head += $"CameraCloud-Internal-Key: {key}\r\n";
        }
        return head + $"CameraCloud-Client: {Client}\r\n\r\n";
    }
}
