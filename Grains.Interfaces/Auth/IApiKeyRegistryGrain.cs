using CameraCloud.Actors;

namespace CameraCloud.Auth;

/// <summary>
/// The API keys (one activation, key <see cref="DefaultKey"/>). It holds hashes only: the gateway makes a key,
/// shows it once and hands over its record.
/// </summary>
public interface IApiKeyRegistryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>Keys kept at most; adding one more is refused with <see cref="ApiKeyLimitException"/>.</summary>
    public const int MaxKeys = 1000;

    /// <summary>Stores a new key. Throws <see cref="ApiKeyLimitException"/> at <see cref="MaxKeys"/>.</summary>
    Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>The key with this id, or null; what another node added or revoked is seen within seconds.</summary>
    Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every key, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes a key; false when there was none with this id.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}
