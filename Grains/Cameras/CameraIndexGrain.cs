using System.Security.Cryptography;
using CameraCloud.Actors;
using CameraCloud.Cameras;

namespace CameraCloud.Grains.Cameras;

/// <summary>
/// The list of known cameras. Additions from reconnecting cameras are written behind (at most once per
/// <see cref="WriteBehind"/>) so that thousands of cameras registering at once cost a handful of writes;
/// allocations and removals are written at once, since a lost allocation would hand an id out twice.
/// </summary>
public sealed class CameraIndexGrain([PersistentState("index")] IPersistentState<CameraIndexState> state)
    : Grain, ICameraIndexGrain
{
    /// <summary>
    /// Prefix of ids we hand out. The vendor app switches features on some prefixes (56, 5c, 52; spec §8),
    /// so ours look like the common A9 ids ("0800c0…").
    /// </summary>
    public const string AllocatedIdPrefix = "0800c0";

    private static readonly TimeSpan WriteBehind = TimeSpan.FromSeconds(1);

    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ids.UnionWith(state.State.Ids);
        RegisterTimer(FlushAsync, WriteBehind, WriteBehind);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        FlushAsync(cancellationToken);

    public async Task<string> AllocateIdAsync(CancellationToken cancellationToken)
    {
        string id;
        do
        {
            id = AllocatedIdPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
        }
        while (!_ids.Add(id));
        _dirty = true;
        await FlushAsync(cancellationToken);
        return id;
    }

    public Task<bool> AddAsync(string cameraId, CancellationToken cancellationToken)
    {
        var added = _ids.Add(cameraId);
        _dirty |= added;
        return Task.FromResult(added);
    }

    public async Task RemoveAsync(string cameraId, CancellationToken cancellationToken)
    {
        if (_ids.Remove(cameraId))
        {
            _dirty = true;
            await FlushAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(int offset, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_ids.Skip(offset).Take(limit).ToList());

    public Task<int> CountAsync(CancellationToken cancellationToken) => Task.FromResult(_ids.Count);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }
        state.State = new CameraIndexState { Ids = [.. _ids] };
        await state.WriteStateAsync(cancellationToken);
        _dirty = false;
    }
}
