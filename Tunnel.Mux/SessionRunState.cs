namespace CameraCloud.Tunnel;

/// <summary>Whether RunAsync has started its loops; a session ended before it ran never starts them.</summary>
internal enum SessionRunState
{
    NotStarted,
    Running,
    Closed,
}
