namespace CameraCloud.Agent.Connection;

/// <summary>Why a dial failed; each calls for a different wait.</summary>
public enum DialFailure
{
    /// <summary>No TCP/TLS/WebSocket connection: network down, server restarting, DNS.</summary>
    Unreachable,

    /// <summary>401: the id or token was rejected.</summary>
    Unauthorized,

    /// <summary>429: too many failed attempts from this address.</summary>
    RateLimited,

    /// <summary>Any other refusal (another status, a missing subprotocol).</summary>
    Rejected,
}
