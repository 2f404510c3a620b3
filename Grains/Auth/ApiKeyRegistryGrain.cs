using CameraCloud.Actors;
using CameraCloud.Auth;
using CameraCloud.Grains.State;

namespace CameraCloud.Grains.Auth;

/// <summary>
/// The API keys. Every node authenticates against its own activation, and nodes share the record, so a key
/// added or revoked on another node shows here within seconds (<see cref="SharedRecordFreshness"/>).
/// </summary>
public sealed class ApiKeyRegistryGrain([PersistentState("keys")] IPersistentState<ApiKeyRegistryState> state)
    : Grain, IApiKeyRegistryGrain
{
    private const int MaxWriteAttempts = 8;

    private SharedRecordFreshness _freshness = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _freshness = new SharedRecordFreshness(Time);
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
        _freshness.MarkRead();
    }

    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        _freshness.FindAsync(() => Find(id), state.ReadStateAsync, cancellationToken);

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
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
        _freshness.MarkRead();
        return removed;
    }

    private ApiKeyRecord? Find(string id) => state.State.Keys.FirstOrDefault(k => k.Id == id);

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await state.ReadStateAsync(cancellationToken);
        _freshness.MarkRead();
    }
}
