namespace CameraCloud.Gateway;

/// <summary>Why a media pump stopped.</summary>
public enum PumpEnd
{
    /// <summary>The viewer went away or the server is stopping.</summary>
    Cancelled,

    /// <summary>The response can take no more (the writer reported completion).</summary>
    WriterClosed,

    /// <summary>The grain completed the subscription (stream stopped, camera gone).</summary>
    SourceCompleted,

    /// <summary>The grain completed the subscription with an error.</summary>
    SourceFailed,
}
