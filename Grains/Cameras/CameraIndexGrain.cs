using System.Security.Cryptography;
using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Grains.State;

namespace CameraCloud.Grains.Cameras;

/// <summary>
/// The list of known cameras. It is called on every node and all nodes share its record, so every write
/// reads the record first and merges this node's changes into it (again after a conflict), and answers to
/// callers come from a fresh read. Additions from reconnecting cameras are kept as pending operations and
/// written behind (at most once per <see cref="WriteBehind"/>) so that thousands of cameras registering at
/// once cost a handful of writes; allocations and removals are written at once, since a lost allocation
/// would hand an id out twice.
/// </summary>
public sealed class CameraIndexGrain([PersistentState("index")] IPersistentState<CameraIndexState> state)
    : Grain, ICameraIndexGrain
{
    /// <summary>
    /// Prefix of ids we hand out. The vendor app switches features on some prefixes (56, 5c, 52; spec §8),
    /// so ours look like the common A9 ids ("0800c0…").
    /// </summary>
    public const string AllocatedIdPrefix = "0800c0";

    /// <summary>Writes tried before a change gives up; each failed one means another node's write went in.</summary>
    internal const int MaxWriteAttempts = 8;

    private static readonly TimeSpan WriteBehind = TimeSpan.FromSeconds(1);

    // This node's changes not yet written. They stay operations, not a copy of the set, so a flush merges them
    // into whatever the other nodes wrote meanwhile. Kept disjoint: the later of add and remove wins.
    private readonly HashSet<string> _pendingAdds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingRemoves = new(StringComparer.Ordinal);

    // The stored set as of _viewEtag with the pending operations applied: what callers are answered from.
    private SortedSet<string> _view = new(StringComparer.Ordinal);
    private string? _viewEtag;

    private string Record => $"The camera index '{GrainKey}'";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RebuildView();
        RegisterTimer(FlushAsync, WriteBehind, WriteBehind);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        FlushAsync(cancellationToken);

    public async Task<string> AllocateIdAsync(CancellationToken cancellationToken)
    {
        string? id = null;
        await WriteAsync(ids =>
        {
            // Checked on every attempt: after a conflict the fresh set may hold this very id, allocated or
            // recorded by another node, and the write that succeeds is the one made against the set it checked.
            while (id is null || ids.Contains(id))
            {
                id = AllocatedIdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
            }
            ids.Add(id);
        }, cancellationToken);
        return id!;
    }

    public Task<bool> AddAsync(string cameraId, CancellationToken cancellationToken)
    {
        // Pending even when this node's view has it: the view may be stale (deleted on another node since), and
        // the flush merges against a fresh read, writing nothing when the stored set already holds every id.
        var added = _view.Add(cameraId);
        _pendingRemoves.Remove(cameraId);
        _pendingAdds.Add(cameraId);
        return Task.FromResult(added);
    }

    public async Task RemoveAsync(string cameraId, CancellationToken cancellationToken)
    {
        // Written even when this node's view lacks the id: another node may have recorded it.
        _pendingAdds.Remove(cameraId);
        _pendingRemoves.Add(cameraId);
        _view.Remove(cameraId);
        await WriteAsync(operation: null, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        return _view.Skip(offset).Take(limit).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        return _view.Count;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pendingAdds.Count == 0 && _pendingRemoves.Count == 0)
        {
            return;
        }
        await WriteAsync(operation: null, cancellationToken);
    }

    /// <summary>Reads the stored set, applies the pending operations and <paramref name="operation"/>, writes; again on a conflict.</summary>
    /// <remarks>The pending operations are dropped only once written: a failed write keeps them for the next flush.</remarks>
    private async Task WriteAsync(Action<SortedSet<string>>? operation, CancellationToken cancellationToken)
    {
        // Read first: this activation's copy is stale whenever another node wrote, and a change that looks like
        // "nothing to do" against a stale copy (removing an id it never saw) would then be skipped.
        await state.ReadStateAsync(cancellationToken);
        await OptimisticState.UpdateAsync(state, stored =>
        {
            var ids = new SortedSet<string>(stored.Ids, StringComparer.Ordinal);
            ids.UnionWith(_pendingAdds);
            ids.ExceptWith(_pendingRemoves);
            operation?.Invoke(ids);
            return ids.SetEquals(stored.Ids) ? stored : new CameraIndexState { Ids = [.. ids] };
        }, mustExist: false, MaxWriteAttempts, Record, cancellationToken);
        _pendingAdds.Clear();
        _pendingRemoves.Clear();
        RebuildView();
    }

    /// <summary>Reads the record (one small read) so an answer includes what other nodes wrote.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        RebuildView();
    }

    private void RebuildView()
    {
        if (_viewEtag is not null && _viewEtag == state.Etag)
        {
            return;
        }
        var view = new SortedSet<string>(state.State.Ids, StringComparer.Ordinal);
        view.UnionWith(_pendingAdds);
        view.ExceptWith(_pendingRemoves);
        _view = view;
        _viewEtag = state.Etag;
    }
}
