using CameraCloud.Actors;

namespace CameraCloud.Auth;

/// <summary>The viewing links (one activation, key <see cref="DefaultKey"/>); expired ones are dropped as new ones come.</summary>
public interface IShareTokenRegistryGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>Links kept at most; one more is refused with <see cref="ApiKeyLimitException"/>.</summary>
    public const int MaxTokens = 10_000;

    Task AddAsync(ShareTokenRecord token, CancellationToken cancellationToken);

    /// <summary>The link with this id if it has not expired; what another node added or revoked is seen within seconds.</summary>
    Task<ShareTokenRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The camera's links that have not expired, oldest first.</summary>
    Task<IReadOnlyList<ShareTokenRecord>> ListAsync(string cameraId, CancellationToken cancellationToken);

    /// <summary>Removes one link of the camera; false when it has none with this id.</summary>
    Task<bool> RevokeAsync(string cameraId, string id, CancellationToken cancellationToken);
}
