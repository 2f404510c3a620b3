using System.Globalization;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>A simulated camera connected to node A whose frames are timed from the moment it starts sending each.</summary>
public sealed class TimedCamera : IAsyncDisposable
{
    private TimedCamera(SimulatedCamera camera, FrameTimeline timeline)
    {
        Camera = camera;
        Timeline = timeline;
    }

    public SimulatedCamera Camera { get; }

    public FrameTimeline Timeline { get; }

    public string Id => Camera.DeviceId;

    public static async Task<TimedCamera> StartAsync(SiloProcess node, int index, ForwardingOptions options, CancellationToken cancellationToken)
    {
        // Room for every frame of one latency window and its grace, twice over: a slow start never overflows it.
        var timeline = new FrameTimeline(2 * options.Fps * (int)Math.Ceiling((options.Phase + options.Grace).TotalSeconds) + 100);
        var camera = await SimulatedCamera.StartAsync(new SimulatedCameraOptions
        {
            ServerHost = node.Address,
            HttpPort = node.HttpPort,
            DeviceId = "0800c3" + index.ToString("X6", CultureInfo.InvariantCulture),
            Fps = options.Fps,
            Seed = index,
            FrameSending = timeline.OnSending,
        }, cancellationToken);
        return new TimedCamera(camera, timeline);
    }

    public ValueTask DisposeAsync() => Camera.DisposeAsync();
}
