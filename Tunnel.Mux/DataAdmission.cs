namespace CameraCloud.Tunnel;

/// <summary>What a stream says to an arriving DATA frame, before its payload is read.</summary>
internal enum DataAdmission
{
    /// <summary>Within the window: read the payload into the stream.</summary>
    Accept,

    /// <summary>The stream has been reset or has ended: drop the payload.</summary>
    Drop,

    /// <summary>More than the window we granted: reset the stream with FLOW_CONTROL.</summary>
    BeyondWindow,

    /// <summary>The peer already sent CLOSE: reset with STREAM_CLOSED.</summary>
    AfterClose,

    /// <summary>DATA before OPEN_OK: a protocol error.</summary>
    NotOpen,
}
