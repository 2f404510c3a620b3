using CameraCloud.Actors;

namespace CameraCloud.Cameras;

/// <summary>
/// The edge's handle on one camera connection, given to the grain as an observer. The grain decides
/// what should happen (stream or not, which command); the link does the wire work (§5.2 sequence, 605s).
/// </summary>
public interface ICameraDeviceLink : IGrainObserver
{
    /// <summary>Unique per connection, so a late event from an old connection can be told apart.</summary>
    long LinkId { get; }

    /// <summary>Where the camera's TCP connection comes from (ip:port).</summary>
    string RemoteEndPoint { get; }

    /// <summary>Runs (or re-runs) the §5.2 start sequence. Safe to call while a start is in progress.</summary>
    Task StartStreamAsync(CancellationToken cancellationToken);

    /// <summary>Sends 301/0, never sooner than a minimum time after 301/3; stops the 605 timer.</summary>
    Task StopStreamAsync(CancellationToken cancellationToken);

    /// <summary>Sends a setting as TCP 301 content.</summary>
    Task SendCommandAsync(CameraCommand command, CancellationToken cancellationToken);

    /// <summary>Closes the connection (a newer one won, or the camera was deleted).</summary>
    Task CloseAsync(string reason);

    /// <summary>Wire counters of the current and past streams of this link.</summary>
    MediaCounters ReadMediaCounters();
}
