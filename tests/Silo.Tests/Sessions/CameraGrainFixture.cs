using CameraCloud.Cameras;
using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>Shared steps of the camera grain tests: a camera, its links and a frame.</summary>
internal static class CameraGrainFixture
{
    public const string Id = "0800c00128f8";

    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9];

    public static RecordingDeviceLink Link(long linkId) => new(linkId, $"198.51.100.{linkId}:40000");

    /// <summary>Settings with a watchdog too slow to interfere with what a test looks at.</summary>
    public static Dictionary<string, string?> Settings(
        TimeSpan? stopGrace = null, TimeSpan? watchdogTimeout = null, TimeSpan? watchdogInterval = null, int? videoQueue = null) => new()
        {
            ["Cameras:StopGracePeriod"] = (stopGrace ?? TimeSpan.FromSeconds(5)).ToString(),
            ["Cameras:WatchdogTimeout"] = (watchdogTimeout ?? TimeSpan.FromMinutes(10)).ToString(),
            ["Cameras:WatchdogInterval"] = (watchdogInterval ?? TimeSpan.FromSeconds(1)).ToString(),
            ["Cameras:VideoQueuePerViewer"] = (videoQueue ?? 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    public static Task ConnectAsync(CameraSilo silo, RecordingDeviceLink link, string id = Id) =>
        Wait.For(silo.Camera(id).DeviceConnectedAsync(new DeviceHello("91edf41f", "v720.naxclow.com", link.RemoteEndPoint), link, CancellationToken.None));

    public static Task<IMediaSubscription<JpegFrame>> WatchAsync(CameraSilo silo, string id = Id) =>
        Wait.For(silo.Camera(id).WatchVideoAsync(CancellationToken.None));

    /// <summary>
    /// The camera's registry record and live session. Also a barrier: grain turns run one at a time in
    /// arrival order, so a timer tick that the clock made due has run when this returns.
    /// </summary>
    public static async Task<CameraInfo> InfoAsync(CameraSilo silo, string id = Id) =>
        await Wait.For(silo.Camera(id).GetInfoAsync(CancellationToken.None)) ?? throw new InvalidOperationException($"{id} is not registered");

    public static Task FrameAsync(CameraSilo silo, long sequence, string id = Id) =>
        Wait.For(silo.Camera(id).FrameReceivedAsync(new JpegFrame(sequence, silo.Time.GetUtcNow(), Jpeg), CancellationToken.None));
}
