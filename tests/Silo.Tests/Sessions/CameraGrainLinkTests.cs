using CameraCloud.Cameras;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;
using static CameraCloud.Silo.Tests.Sessions.CameraGrainFixture;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>The grain's device links (§5.4 newest wins), its refusals and deletion.</summary>
public sealed class CameraGrainLinkTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_newest_link_wins_and_a_late_disconnect_of_the_old_one_is_ignored()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings());
        var old = Link(1);
        var newer = Link(2);
        await ConnectAsync(silo, old);

        await ConnectAsync(silo, newer);

        Assert.NotEmpty(Assert.Single(old.CloseReasons));
        Assert.Empty(newer.CloseReasons);

        await Wait.For(silo.Camera(Id).DeviceDisconnectedAsync(old.LinkId, "connection lost", CancellationToken.None));

        var info = await InfoAsync(silo);
        Assert.True(info.Online);
        Assert.Equal(newer.RemoteEndPoint, info.RemoteEndPoint);
        await using var viewer = await WatchAsync(silo);
        Assert.Equal(0, old.Count(LinkCall.Start));
        Assert.Equal(1, newer.Count(LinkCall.Start));

        await Wait.For(silo.Camera(Id).DeviceDisconnectedAsync(newer.LinkId, "connection lost", CancellationToken.None));
        Assert.False((await InfoAsync(silo)).Online);
    }

    [Fact]
    public async Task Viewers_waiting_through_a_reconnect_restart_the_stream_on_the_new_link()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings());
        var old = Link(1);
        var newer = Link(2);
        await ConnectAsync(silo, old);
        await using var viewer = await WatchAsync(silo);
        await Wait.For(silo.Camera(Id).DeviceDisconnectedAsync(old.LinkId, "connection lost", CancellationToken.None));

        await ConnectAsync(silo, newer);

        Assert.Equal(1, newer.Count(LinkCall.Start));
        Assert.True((await InfoAsync(silo)).Live.StreamRequested);
    }

    [Fact]
    public async Task Watching_an_unregistered_camera_throws_CameraNotFoundException()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings());

        var error = await Assert.ThrowsAsync<CameraNotFoundException>(() => WatchAsync(silo, "0800c0000001"));

        Assert.Equal("0800c0000001", error.CameraId);
    }

    [Fact]
    public async Task Watching_a_registered_offline_camera_throws_CameraOfflineException()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings());
        var link = Link(1);
        await ConnectAsync(silo, link);
        await Wait.For(silo.Camera(Id).DeviceDisconnectedAsync(link.LinkId, "connection lost", CancellationToken.None));

        var error = await Assert.ThrowsAsync<CameraOfflineException>(() => WatchAsync(silo));

        Assert.Equal(Id, error.CameraId);
        Assert.Equal(0, (await InfoAsync(silo)).Live.Viewers);
    }

    [Fact]
    public async Task Delete_closes_the_link_ends_subscriptions_and_forgets_the_camera()
    {
        await using var silo = CameraSilo.Create(_folder.Path, Settings());
        var link = Link(1);
        await ConnectAsync(silo, link);
        var viewer = await WatchAsync(silo);
        Assert.Contains(Id, await Wait.For(silo.Index.ListAsync(0, 10, CancellationToken.None)));

        Assert.True(await Wait.For(silo.Camera(Id).DeleteAsync(CancellationToken.None)));

        Assert.NotEmpty(Assert.Single(link.CloseReasons));
        await Wait.For(viewer.Reader.Completion);
        Assert.DoesNotContain(Id, await Wait.For(silo.Index.ListAsync(0, 10, CancellationToken.None)));
        Assert.Null(await Wait.For(silo.Camera(Id).GetInfoAsync(CancellationToken.None)));
        Assert.False(await Wait.For(silo.Camera(Id).DeleteAsync(CancellationToken.None)));
        await viewer.DisposeAsync();
    }
}
