namespace CameraCloud.Gateway;

/// <summary>
/// How a media pump ended, how many items it wrote, and the subscription's completion error when it ended
/// with <see cref="PumpEnd.SourceFailed"/>.
/// </summary>
public readonly record struct PumpResult(PumpEnd End, long Items, Exception? SourceError);
