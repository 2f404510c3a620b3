using CameraCloud.Cameras;
using CameraCloud.Silo.Storage.Redis;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Sessions;
using CameraCloud.Silo.Tests.Storage;
using CameraCloud.Silo.Tests.Storage.Redis;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>Two nodes, each with its own connection to one real redis-server, as a cluster runs.</summary>
public sealed class RedisAcrossNodesTests : IDisposable
{
    private const string Id = CameraGrainFixture.Id;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Two_nodes_over_redis_allocate_distinct_ids_and_see_each_others_renames_and_deletes()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        using var connectionA = await RedisStorageFactory.ConnectAsync(redis);
        using var connectionB = await RedisStorageFactory.ConnectAsync(redis);
        await using var a = SharedStoreNode.Create(RedisStorageFactory.Storage(connectionA), _folder.Path);
        await using var b = SharedStoreNode.Create(RedisStorageFactory.Storage(connectionB), _folder.Path);

        var allocations = Enumerable.Range(0, 10)
            .SelectMany(_ => new[] { a.CameraIndex.AllocateIdAsync(CancellationToken.None), b.CameraIndex.AllocateIdAsync(CancellationToken.None) })
            .ToList();
        var allocated = await Wait.For(Task.WhenAll(allocations));
        Assert.Equal(20, allocated.Distinct(StringComparer.Ordinal).Count());
        string[] expected = [.. allocated.Order(StringComparer.Ordinal)];
        Assert.Equal(expected, await Wait.For(a.CameraIndex.ListAsync(0, 100, CancellationToken.None)));
        Assert.Equal(expected, await Wait.For(b.CameraIndex.ListAsync(0, 100, CancellationToken.None)));

        var link = CameraGrainFixture.Link(1);
        await Wait.For(a.Camera(Id).DeviceConnectedAsync(new DeviceHello("91edf41f", "v720.naxclow.com", link.RemoteEndPoint), link, CancellationToken.None));
        await Wait.For(a.Camera(Id).DeviceDisconnectedAsync(link.LinkId, "closed", CancellationToken.None));
        Assert.NotNull(await Wait.For(b.Camera(Id).GetInfoAsync(CancellationToken.None)));

        await Wait.For(a.Camera(Id).RenameAsync("Porch", CancellationToken.None));
        Assert.Equal("Porch", (await Wait.For(b.Camera(Id).GetInfoAsync(CancellationToken.None)))!.Name);

        Assert.True(await Wait.For(a.Camera(Id).DeleteAsync(CancellationToken.None)));
        Assert.Null(await Wait.For(b.Camera(Id).GetInfoAsync(CancellationToken.None)));
        await b.DeactivateIdleAsync();
        Assert.Null(await Wait.For(RedisStorageFactory.Storage(connectionB).ReadAsync("camera", Id, "camera", CancellationToken.None)));
    }
}
