using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.MultiRuntime;

/// <summary>The camera index is active on every node at once; all of them share its one record.</summary>
public sealed class CameraIndexAcrossNodesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Concurrent_additions_and_allocations_on_two_nodes_lose_nothing_and_never_hand_an_id_out_twice()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        string[] onA = [.. Enumerable.Range(0, 300).Select(i => $"a{i:D5}")];
        string[] onB = [.. Enumerable.Range(0, 300).Select(i => $"b{i:D5}")];
        // Cameras that moved between the nodes register on both.
        string[] onBoth = [.. Enumerable.Range(0, 100).Select(i => $"c{i:D5}")];

        var allocations = new List<Task<string>>();
        var additions = new List<Task<bool>>();
        for (var i = 0; i < 20; i++)
        {
            allocations.Add(nodes.A.CameraIndex.AllocateIdAsync(CancellationToken.None));
            allocations.Add(nodes.B.CameraIndex.AllocateIdAsync(CancellationToken.None));
            foreach (var id in onA.Concat(onBoth).Skip(i * 20).Take(20))
            {
                additions.Add(nodes.A.CameraIndex.AddAsync(id, CancellationToken.None));
            }
            foreach (var id in onB.Concat(onBoth).Skip(i * 20).Take(20))
            {
                additions.Add(nodes.B.CameraIndex.AddAsync(id, CancellationToken.None));
            }
        }
        var allocated = await Wait.For(Task.WhenAll(allocations));
        await Wait.For(Task.WhenAll(additions));
        await nodes.A.FlushCameraIndexAsync();
        await nodes.B.FlushCameraIndexAsync();

        Assert.Equal(allocated.Length, allocated.Distinct(StringComparer.Ordinal).Count());
        Assert.All(allocated, id => Assert.StartsWith(CameraIndexGrain.AllocatedIdPrefix, id, StringComparison.Ordinal));
        string[] expected = [.. onA.Concat(onB).Concat(onBoth).Concat(allocated).Order(StringComparer.Ordinal)];
        Assert.Equal(expected, (await nodes.StoredAsync<CameraIndexState>("cameraindex", ICameraIndexGrain.DefaultKey, "index"))!.Ids);
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            Assert.Equal(expected, await Wait.For(node.CameraIndex.ListAsync(0, 10_000, CancellationToken.None)));
            Assert.Equal(expected.Length, await Wait.For(node.CameraIndex.CountAsync(CancellationToken.None)));
        }
    }

    [Fact]
    public async Task List_and_count_on_one_node_show_what_the_other_node_added_and_removed()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        // B's index is active (with what it read) before A changes anything.
        Assert.Empty(await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));

        await Wait.For(nodes.A.CameraIndex.AddAsync("0800c0000001", CancellationToken.None));
        await nodes.A.FlushCameraIndexAsync();

        Assert.Equal(["0800c0000001"], await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
        Assert.Equal(1, await Wait.For(nodes.B.CameraIndex.CountAsync(CancellationToken.None)));

        await Wait.For(nodes.A.CameraIndex.RemoveAsync("0800c0000001", CancellationToken.None));

        Assert.Empty(await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
        Assert.Equal(0, await Wait.For(nodes.B.CameraIndex.CountAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_node_removes_an_id_it_never_saw_added()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        Assert.Empty(await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
        await Wait.For(nodes.A.CameraIndex.AddAsync("0800c0000001", CancellationToken.None));
        await nodes.A.FlushCameraIndexAsync();

        // B's own view never had the id; the removal must still reach the record.
        await Wait.For(nodes.B.CameraIndex.RemoveAsync("0800c0000001", CancellationToken.None));

        Assert.Empty((await nodes.StoredAsync<CameraIndexState>("cameraindex", ICameraIndexGrain.DefaultKey, "index"))!.Ids);
        Assert.Empty(await Wait.For(nodes.A.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task A_flush_merges_its_pending_additions_into_the_record_instead_of_writing_back_its_old_copy()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await Wait.For(nodes.A.CameraIndex.AddAsync("0800c0000001", CancellationToken.None));
        await nodes.A.FlushCameraIndexAsync();
        // B reads the record with the old id in it, then A removes that id.
        Assert.Equal(["0800c0000001"], await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
        await Wait.For(nodes.A.CameraIndex.RemoveAsync("0800c0000001", CancellationToken.None));
        await Wait.For(nodes.A.CameraIndex.AddAsync("0800c0000002", CancellationToken.None));
        await nodes.A.FlushCameraIndexAsync();

        Assert.True(await Wait.For(nodes.B.CameraIndex.AddAsync("0800c0000003", CancellationToken.None)));
        await nodes.B.FlushCameraIndexAsync();

        string[] expected = ["0800c0000002", "0800c0000003"];
        Assert.Equal(expected, (await nodes.StoredAsync<CameraIndexState>("cameraindex", ICameraIndexGrain.DefaultKey, "index"))!.Ids);
        Assert.Equal(expected, await Wait.For(nodes.A.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task An_allocation_whose_id_another_node_recorded_meanwhile_is_retried_with_another_id()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        var paused = nodes.StoreB.PauseNextWrite("cameraindex", ICameraIndexGrain.DefaultKey, "index");
        var allocation = nodes.B.CameraIndex.AllocateIdAsync(CancellationToken.None);
        var firstPick = TwoNodes.Parse<CameraIndexState>(await Wait.For(paused.Arrived)).Ids.Single();

        // While B's write is held, a camera with that very id registers on A and A writes it.
        Assert.True(await Wait.For(nodes.A.CameraIndex.AddAsync(firstPick, CancellationToken.None)));
        await nodes.A.FlushCameraIndexAsync();
        paused.Release();
        var id = await Wait.For(allocation);

        Assert.NotEqual(firstPick, id);
        Assert.Equal(1, nodes.StoreB.Conflicts);
        string[] expected = [.. new[] { firstPick, id }.Order(StringComparer.Ordinal)];
        Assert.Equal(expected, await Wait.For(nodes.A.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
        Assert.Equal(expected, await Wait.For(nodes.B.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    [Fact]
    public async Task Thousands_of_registrations_on_each_node_cost_one_index_write_per_node()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await RegisterAsync(nodes.A, "a", 2000);
        await nodes.A.FlushCameraIndexAsync();
        await RegisterAsync(nodes.B, "b", 2000);
        await nodes.B.FlushCameraIndexAsync();

        Assert.Equal(1, nodes.StoreA.Writes("cameraindex", ICameraIndexGrain.DefaultKey, "index"));
        Assert.Equal(1, nodes.StoreB.Writes("cameraindex", ICameraIndexGrain.DefaultKey, "index"));
        Assert.Equal(4000, await Wait.For(nodes.A.CameraIndex.CountAsync(CancellationToken.None)));
        Assert.Equal(4000, await Wait.For(nodes.B.CameraIndex.CountAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_write_that_meets_a_conflict_on_every_attempt_gives_up_after_eight_naming_the_record()
    {
        await using var nodes = TwoNodes.OverOneFolder(_folder.Path);
        await Wait.For(nodes.A.CameraIndex.AddAsync("0800c0000001", CancellationToken.None));
        await nodes.A.FlushCameraIndexAsync();
        nodes.StoreB.RivalEveryWriteTo("cameraindex", ICameraIndexGrain.DefaultKey, "index");

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Wait.For(nodes.B.CameraIndex.AllocateIdAsync(CancellationToken.None)));

        Assert.Contains("camera index 'default'", error.Message, StringComparison.Ordinal);
        Assert.Contains("8 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, nodes.StoreB.Conflicts);
        Assert.Equal(["0800c0000001"], await Wait.For(nodes.A.CameraIndex.ListAsync(0, 10, CancellationToken.None)));

        // Once the other writer lets a write through, the index works again.
        nodes.StoreB.StopRival();
        var id = await Wait.For(nodes.B.CameraIndex.AllocateIdAsync(CancellationToken.None));
        Assert.Contains(id, await Wait.For(nodes.A.CameraIndex.ListAsync(0, 10, CancellationToken.None)));
    }

    /// <summary>Adds <paramref name="count"/> ids, many at a time, within the runtime's bound on queued calls.</summary>
    private static async Task RegisterAsync(SharedStoreNode node, string prefix, int count)
    {
        foreach (var batch in Enumerable.Range(0, count).Chunk(500))
        {
            await Wait.For(Task.WhenAll(batch.Select(i => node.CameraIndex.AddAsync($"{prefix}{i:D5}", CancellationToken.None))));
        }
    }
}
