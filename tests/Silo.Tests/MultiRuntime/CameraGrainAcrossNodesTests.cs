using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Sessions;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>
/// A camera's grain can be active on two nodes at once: where the device is connected, and where a REST call
/// or an earlier connection left an activation behind. Both write the one record.
/// </summary>
public sealed class CameraGrainAcrossNodesTests : IDisposable
{
    private const string Id = CameraGrainFixture.Id;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_rename_on_one_node_shows_in_GetInfo_on_the_other_for_an_offline_camera()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await ConnectAsync(nodes.A, Link(1));
        await DisconnectAsync(nodes.A, Link(1));
        Assert.Null((await InfoAsync(nodes.B)).Name);

        Assert.Equal("Porch", (await Wait.For(nodes.A.Camera(Id).RenameAsync("Porch", CancellationToken.None)))!.Name);
        Assert.Equal("Porch", (await InfoAsync(nodes.B)).Name);

        Assert.Equal("Garage", (await Wait.For(nodes.B.Camera(Id).RenameAsync("Garage", CancellationToken.None)))!.Name);
        Assert.Equal("Garage", (await InfoAsync(nodes.A)).Name);
    }

    [Fact]
    public async Task A_stale_activation_s_disconnect_does_not_undo_the_later_last_seen_and_address_written_by_the_other_node()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var start = nodes.A.Time.GetUtcNow();
        await ConnectAsync(nodes.A, Link(1));
        // A saw the camera after its connect write, so A's disconnect has a last-seen of its own to write.
        nodes.A.Time.Advance(TimeSpan.FromSeconds(10));
        await FrameAsync(nodes.A);
        // The camera moved: it connects to B from another address, and B writes that.
        nodes.B.Time.Advance(TimeSpan.FromSeconds(60));
        await ConnectAsync(nodes.B, Link(2));

        await DisconnectAsync(nodes.A, Link(1));

        var stored = await nodes.StoredAsync<CameraState>("camera", Id, "camera");
        Assert.Equal(start.AddSeconds(60), stored!.LastSeen);
        Assert.Equal(Link(2).RemoteEndPoint, stored.LastAddress);
        // A's write was made against the record it had; it met B's and gave way to the later time.
        Assert.Equal(1, nodes.StoreA.Conflicts);
        var seenFromA = await InfoAsync(nodes.A);
        Assert.False(seenFromA.Online);
        Assert.Equal(start.AddSeconds(60), seenFromA.LastSeen);
        Assert.Equal(Link(2).RemoteEndPoint, seenFromA.RemoteEndPoint);
    }

    [Fact]
    public async Task A_stale_activation_s_later_last_seen_lands_on_the_other_node_s_record_without_taking_back_its_changes()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var start = nodes.A.Time.GetUtcNow();
        await ConnectAsync(nodes.A, Link(1));
        nodes.B.Time.Advance(TimeSpan.FromSeconds(60));
        await ConnectAsync(nodes.B, Link(2));
        await Wait.For(nodes.B.Camera(Id).RenameAsync("Porch", CancellationToken.None));
        // A's old connection still delivered a frame after B's connect (a half-open link A has not noticed).
        nodes.A.Time.Advance(TimeSpan.FromSeconds(90));
        await FrameAsync(nodes.A);

        await DisconnectAsync(nodes.A, Link(1));

        var stored = await nodes.StoredAsync<CameraState>("camera", Id, "camera");
        Assert.Equal(start.AddSeconds(90), stored!.LastSeen);
        Assert.Equal(Link(2).RemoteEndPoint, stored.LastAddress);
        Assert.Equal("Porch", stored.Name);
    }

    [Fact]
    public async Task A_delete_on_one_node_is_not_found_on_the_other_and_the_other_s_deactivation_does_not_recreate_the_record()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await ConnectAsync(nodes.A, Link(1));
        await DisconnectAsync(nodes.A, Link(1));
        await InfoAsync(nodes.B);

        Assert.True(await Wait.For(nodes.A.Camera(Id).DeleteAsync(CancellationToken.None)));

        Assert.Null(await Wait.For(nodes.B.Camera(Id).GetInfoAsync(CancellationToken.None)));
        Assert.Null(await Wait.For(nodes.B.Camera(Id).RenameAsync("Porch", CancellationToken.None)));
        await Assert.ThrowsAsync<CameraNotFoundException>(() => Wait.For(nodes.B.Camera(Id).SendCommandAsync(
            new CameraCommand(CameraSetting.IrLed, """{"IrLed":1}"""), CancellationToken.None)));
        Assert.False(await Wait.For(nodes.B.Camera(Id).DeleteAsync(CancellationToken.None)));
        await nodes.B.DeactivateIdleAsync();

        Assert.Null(await nodes.StoredAsync<CameraState>("camera", Id, "camera"));
        Assert.Null(await Wait.For(nodes.B.Camera(Id).GetInfoAsync(CancellationToken.None)));
        Assert.Empty(await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_stale_activation_holding_an_old_link_does_not_recreate_a_record_deleted_on_the_other_node_when_the_link_drops()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await ConnectAsync(nodes.B, Link(2));
        nodes.B.Time.Advance(TimeSpan.FromSeconds(10));
        await FrameAsync(nodes.B);

        Assert.True(await Wait.For(nodes.A.Camera(Id).DeleteAsync(CancellationToken.None)));
        await DisconnectAsync(nodes.B, Link(2));

        Assert.Null(await nodes.StoredAsync<CameraState>("camera", Id, "camera"));
        Assert.Null(await Wait.For(nodes.B.Camera(Id).GetInfoAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_stale_activation_holding_an_old_link_does_not_recreate_a_record_deleted_on_the_other_node_when_it_deactivates()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await ConnectAsync(nodes.B, Link(2));
        nodes.B.Time.Advance(TimeSpan.FromSeconds(10));
        await FrameAsync(nodes.B);

        Assert.True(await Wait.For(nodes.A.Camera(Id).DeleteAsync(CancellationToken.None)));
        // B's activation still has the link and a last-seen newer than the record it read: it wants to write.
        await nodes.B.DeactivateIdleAsync();

        Assert.Null(await nodes.StoredAsync<CameraState>("camera", Id, "camera"));
        Assert.Equal(1, nodes.StoreB.Conflicts);
    }

    [Fact]
    public async Task A_camera_that_connects_to_a_node_whose_activation_saw_it_deleted_registers_anew()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await ConnectAsync(nodes.B, Link(2));
        await DisconnectAsync(nodes.B, Link(2));
        Assert.True(await Wait.For(nodes.A.Camera(Id).DeleteAsync(CancellationToken.None)));

        // B's activation still holds the deleted record in memory.
        await ConnectAsync(nodes.B, Link(3));

        var stored = await nodes.StoredAsync<CameraState>("camera", Id, "camera");
        Assert.Equal(Link(3).RemoteEndPoint, stored!.LastAddress);
        Assert.True((await InfoAsync(nodes.B)).Online);
        await nodes.B.FlushCameraIndexAsync();
        Assert.Equal([Id], await Wait.For(nodes.A.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_camera_whose_first_node_died_before_listing_it_is_listed_by_the_node_it_reconnects_to()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        // A writes the camera's record at once, but its index addition waits for the write-behind, and A dies first.
        await ConnectAsync(nodes.A, Link(1));
        Assert.Empty(await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));

        // The camera dials again and reaches B, where its record exists already.
        await ConnectAsync(nodes.B, Link(2));
        await nodes.B.FlushCameraIndexAsync();

        Assert.Equal([Id], await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_rename_that_meets_a_conflict_on_every_attempt_gives_up_naming_the_record_and_changes_nothing()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await ConnectAsync(nodes.A, Link(1));
        await DisconnectAsync(nodes.A, Link(1));
        nodes.StoreB.RivalEveryWriteTo("camera", Id, "camera");

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Wait.For(nodes.B.Camera(Id).RenameAsync("Porch", CancellationToken.None)));

        Assert.Contains($"camera '{Id}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, nodes.StoreB.Conflicts);
        Assert.Null((await nodes.StoredAsync<CameraState>("camera", Id, "camera"))!.Name);
        nodes.StoreB.StopRival();
        Assert.Null((await InfoAsync(nodes.B)).Name);
    }

    private static RecordingDeviceLink Link(long linkId) => CameraGrainFixture.Link(linkId);

    private static Task ConnectAsync(SharedStoreNode node, RecordingDeviceLink link) =>
        Wait.For(node.Camera(Id).DeviceConnectedAsync(
            new DeviceHello("91edf41f", "v720.naxclow.com", link.RemoteEndPoint), link, CancellationToken.None));

    private static Task DisconnectAsync(SharedStoreNode node, RecordingDeviceLink link) =>
        Wait.For(node.Camera(Id).DeviceDisconnectedAsync(link.LinkId, "closed", CancellationToken.None));

    private static Task FrameAsync(SharedStoreNode node) =>
        Wait.For(node.Camera(Id).FrameReceivedAsync(
            new JpegFrame(1, node.Time.GetUtcNow(), CameraGrainFixture.Jpeg), CancellationToken.None));

    private static async Task<CameraInfo> InfoAsync(SharedStoreNode node) =>
        await Wait.For(node.Camera(Id).GetInfoAsync(CancellationToken.None)) ?? throw new InvalidOperationException($"{Id} is not registered");
}
