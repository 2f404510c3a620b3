using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>§5.4: a camera that registers again on a new connection replaces its old one.</summary>
public sealed class V720ControlSessionReconnectTests
{
    [Fact]
    public async Task A_new_connection_of_the_same_camera_closes_the_old_one_and_the_camera_stays_online()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        var (newer, camera, _) = harness.Connect("198.51.100.21:40124");

        await camera.SendAsync(CapturedBytes.RegisterRequest);

        Assert.Equal(CapturedBytes.RegisterResponse, await camera.ReceiveBytesAsync());
        await harness.WaitForEndAsync();
        Assert.Contains(harness.CloseMessages, m => m.Contains("a newer connection", StringComparison.Ordinal));
        // The old session told the grain it left before it ended; the grain ignored that, and so does the registry.
        var info = await harness.GetCameraAsync();
        Assert.True(info!.Online);
        Assert.Equal("198.51.100.21:40124", info.RemoteEndPoint);
        Assert.Same(newer, harness.Registry.Find(CapturedBytes.Uid));
        await camera.ExpectNothingBeforeHeartbeatReplyAsync();
    }
}
