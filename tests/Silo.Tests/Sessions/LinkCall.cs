namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>What a grain asked of a <see cref="RecordingDeviceLink"/>.</summary>
internal enum LinkCall
{
    Start,
    Stop,
    Command,
    Close,
}
