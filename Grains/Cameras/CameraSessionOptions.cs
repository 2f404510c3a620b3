using System.ComponentModel.DataAnnotations;

namespace CameraCloud.Grains.Cameras;

/// <summary>Live-session timing and limits of camera grains (configuration section "Cameras").</summary>
public sealed class CameraSessionOptions
{
    public const string SectionName = "Cameras";

    /// <summary>How long the stream keeps running after the last viewer left, so a reconnecting viewer does not restart it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Viewers waiting and no frame for this long: the start sequence is run again (§5.2 watchdog).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WatchdogTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the watchdog looks.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Frames queued per viewer before the oldest is dropped (0.5 s at 10 fps).</summary>
    [Range(1, 100)]
    public int VideoQueuePerViewer { get; set; } = 5;

    /// <summary>Audio packets queued per listener before the oldest is dropped (about 1 s).</summary>
    [Range(1, 500)]
    public int AudioQueuePerListener { get; set; } = 25;

    /// <summary>Last-seen is kept in memory and written to storage at most this often while a camera is online.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LastSeenWriteInterval { get; set; } = TimeSpan.FromMinutes(5);
}
