namespace CameraCloud.Tunnel;

/// <summary>How a session is ending, which decides what its writer sends last and what RunAsync waits for.</summary>
internal enum SessionEndKind
{
    /// <summary>We end it: flush control frames, send GOAWAY, close, wait for the peer's close.</summary>
    GoAway,

    /// <summary>We end it and the peer may be gone (silence, cancellation): send GOAWAY and close, but do not wait for the peer.</summary>
    GoAwayNoWait,

    /// <summary>The peer sent GOAWAY: close our side and wait for its close.</summary>
    PeerGoAway,

    /// <summary>The peer closed the WebSocket: answer the close.</summary>
    PeerClosed,

    /// <summary>The connection broke: nothing more can be sent.</summary>
    Lost,
}
