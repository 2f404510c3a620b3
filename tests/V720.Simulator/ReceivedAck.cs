namespace CameraCloud.V720.Simulator;

/// <summary>One CMD 605 retransmission confirm the camera received over UDP, with the pkg_ids it listed.</summary>
public sealed record ReceivedAck(DateTimeOffset At, IReadOnlyList<uint> PkgIds);
