namespace CameraCloud.Agent.Connection;

/// <summary>Finds the local address the OS would use to reach the server.</summary>
public interface ILocalAddressProbe
{
    /// <summary>The address as text, or null when it cannot be told (no route, DNS failure).</summary>
    Task<string?> GetLocalAddressAsync(Uri server, CancellationToken ct);
}
