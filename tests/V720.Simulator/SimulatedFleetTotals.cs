namespace CameraCloud.V720.Simulator;

/// <summary>Counters summed over a <see cref="SimulatedCameraFleet"/> at one moment.</summary>
public sealed record SimulatedFleetTotals(
    int Cameras,
    int Registered,
    int Streaming,
    long FramesSent,
    long PacketsSent,
    long PacketsDropped,
    long AcksReceived,
    long StreamStarts,
    long StreamStops,
    long StoppedForMissingAcks,
    long ConnectionsLost);
