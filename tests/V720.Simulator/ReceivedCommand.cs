namespace CameraCloud.V720.Simulator;

/// <summary>
/// One JSON message the camera received on TCP: its top-level <paramref name="Code"/> (11, 53, 301…), the
/// content code when it is a 301 forward, and the payload as text.
/// </summary>
public sealed record ReceivedCommand(DateTimeOffset At, int Code, int? ContentCode, string Json);
