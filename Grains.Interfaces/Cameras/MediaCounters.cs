namespace CameraCloud.Cameras;

/// <summary>What the edge saw on a camera's media path since its link opened.</summary>
public sealed record MediaCounters
{
    public static readonly MediaCounters Empty = new();

    public long PacketsReceived { get; init; }
    public long FramesCompleted { get; init; }
    public long FramesDroppedIncomplete { get; init; }
    public long FramesDroppedCorrupt { get; init; }
    public long AudioPackets { get; init; }
    public long AcknowledgementsSent { get; init; }
    public long StreamStarts { get; init; }

    /// <summary>Probes (UDP 51) answered with a 50: at most a few per start.</summary>
    public long ProbesAnswered { get; init; }

    /// <summary>Probes past the per-start and per-second bounds, or outside a stream start: not answered.</summary>
    public long ProbesIgnored { get; init; }

    /// <summary>Probes naming this camera from an address other than its control connection's: dropped, never answered.</summary>
    public long ProbesFromOtherAddresses { get; init; }
}
