namespace CameraCloud.Silo.Tests.RealPeers;

/// <summary>The test camera itself works: ffmpeg decodes it directly (the baseline for tunnel tests).</summary>
public sealed class RtspCameraTests
{
    [Fact]
    public async Task Ffmpeg_decodes_the_gstreamer_camera_directly()
    {
        await using var camera = await RtspCameraProcess.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        var result = await FfmpegRtspPull.DecodeAsync($"rtsp://127.0.0.1:{camera.Port}{RtspCameraProcess.Path}", 3);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Errors);
        Assert.True(result.DecodedSeconds >= 2.5, $"decoded {result.DecodedSeconds} s");
    }
}
