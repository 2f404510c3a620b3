using CameraCloud.Actors;
using CameraCloud.Auth;
using CameraCloud.Grains.State;

namespace CameraCloud.Grains.Auth;

/// <summary>
/// The viewing links. Nodes share the record and each has its own activation, so a link made or revoked on another
/// node shows here within seconds (<see cref="SharedRecordFreshness"/>). Expired links are answered as unknown and
/// dropped from the record at the next change.
/// </summary>
public sealed class ShareTokenRegistryGrain([PersistentState("tokens")] IPersistentState<ShareTokenRegistryState> state)
    : Grain, IShareTokenRegistryGrain
{
    private const int MaxWriteAttempts = 8;
    private const string Record = "The viewing link registry";

    private SharedRecordFreshness _freshness = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _freshness = new SharedRecordFreshness(Time);
        return Task.CompletedTask;
    }

    public async Task AddAsync(ShareTokenRecord token, CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        await OptimisticState.UpdateAsync(state, stored =>
        {
            var live = Live(stored.Tokens);
            if (live.Count >= IShareTokenRegistryGrain.MaxTokens)
            {
                throw new ApiKeyLimitException($"There are {IShareTokenRegistryGrain.MaxTokens} viewing links already; revoke some first.");
            }
            if (live.Any(t => t.Id == token.Id))
            {
                throw new InvalidOperationException($"A viewing link with id '{token.Id}' exists already.");
            }
            return stored with { Tokens = [.. live, token] };
        }, mustExist: false, MaxWriteAttempts, Record, cancellationToken);
        _freshness.MarkRead();
    }

    public Task<ShareTokenRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        _freshness.FindAsync(() => Find(id), state.ReadStateAsync, cancellationToken);

    public async Task<IReadOnlyList<ShareTokenRecord>> ListAsync(string cameraId, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        return [.. Live(state.State.Tokens).Where(t => t.CameraId == cameraId)];
    }

    public async Task<bool> RevokeAsync(string cameraId, string id, CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        var removed = false;
        await OptimisticState.UpdateAsync(state, stored =>
        {
            removed = stored.Tokens.Any(t => t.Id == id && t.CameraId == cameraId);
            return removed ? stored with { Tokens = [.. Live(stored.Tokens).Where(t => t.Id != id)] } : stored;
        }, mustExist: false, MaxWriteAttempts, Record, cancellationToken);
        _freshness.MarkRead();
        return removed;
    }

    private ShareTokenRecord? Find(string id)
    {
        var now = Time.GetUtcNow();
        return state.State.Tokens.FirstOrDefault(t => t.Id == id && t.ExpiresAt > now);
    }

    private List<ShareTokenRecord> Live(IEnumerable<ShareTokenRecord> tokens)
    {
        var now = Time.GetUtcNow();
        return [.. tokens.Where(t => t.ExpiresAt > now)];
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        _freshness.MarkRead();
    }
}
