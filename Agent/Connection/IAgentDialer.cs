using System.Net.WebSockets;

namespace CameraCloud.Agent.Connection;

/// <summary>Opens the WebSocket to the server's agent endpoint.</summary>
public interface IAgentDialer
{
    /// <summary>Returns an open WebSocket; throws <see cref="DialException"/> when the server cannot be reached or refuses.</summary>
    Task<WebSocket> DialAsync(Uri server, string id, string token, CancellationToken ct);
}
