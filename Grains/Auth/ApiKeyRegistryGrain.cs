using CameraCloud.Actors;
using CameraCloud.Auth;
using CameraCloud.Grains.State;

namespace CameraCloud.Grains.Auth;

/// <summary>
/// The API keys. Every node authenticates against its own activation, and nodes share the record, so a key
/// added or revoked on another node must show here soon: the record is read again when it is older than
/// <see cref="MaxAge"/>, and a lookup that misses reads it again at most once per <see cref="MissRefresh"/>, so a
/// flood of made-up key ids costs the store nothing more.
/// </summary>
public sealed class ApiKeyRegistryGrain([PersistentState("keys")] IPersistentState<ApiKeyRegistryState> state)
    : Grain, IApiKeyRegistryGrain
{
    internal static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan MissRefresh = TimeSpan.FromSeconds(1);

    private const int MaxWriteAttempts = 8;

    private DateTimeOffset _readAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _readAt = Time.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        await OptimisticState.UpdateAsync(state, stored =>
        {
            if (stored.Keys.Count >= IApiKeyRegistryGrain.MaxKeys)
            {
                throw new ApiKeyLimitException($"There are {IApiKeyRegistryGrain.MaxKeys} API keys already; revoke one first.");
            }
            if (stored.Keys.Any(k => k.Id == key.Id))
            {
                throw new InvalidOperationException($"An API key with id '{key.Id}' exists already.");
            }
            return stored with { Keys = [.. stored.Keys, key] };
        }, mustExist: false, MaxWriteAttempts, "The API key registry", cancellationToken);
        _readAt = Time.GetUtcNow();
    }

    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (now - _readAt >= MaxAge)
        {
            await RefreshAsync(now, cancellationToken);
        }
        var found = Find(id);
        if (found is null && now - _readAt >= MissRefresh)
        {
            await RefreshAsync(now, cancellationToken);
            found = Find(id);
        }
        return found;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(Time.GetUtcNow(), cancellationToken);
        return state.State.Keys;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        var removed = false;
        await OptimisticState.UpdateAsync(state, stored =>
        {
            removed = stored.Keys.Any(k => k.Id == id);
            return removed ? stored with { Keys = [.. stored.Keys.Where(k => k.Id != id)] } : stored;
        }, mustExist: false, MaxWriteAttempts, "The API key registry", cancellationToken);
        _readAt = Time.GetUtcNow();
        return removed;
    }

    private ApiKeyRecord? Find(string id) => state.State.Keys.FirstOrDefault(k => k.Id == id);

    private async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        _readAt = now;
    }
}
