using CameraCloud.Actors;

namespace CameraCloud.Cameras;

/// <summary>
/// The list of known camera ids (one activation, key <see cref="DefaultKey"/>), and the allocator of new
/// ids for cameras that call registerDevices on first boot.
/// </summary>
public interface ICameraIndexGrain : IGrainWithStringKey
{
    public const string DefaultKey = "default";

    /// <summary>Allocates and records a new 12-hex-character device id that no known camera uses.</summary>
    Task<string> AllocateIdAsync(CancellationToken cancellationToken);

    /// <summary>Records an id; true when it was new.</summary>
    Task<bool> AddAsync(string cameraId, CancellationToken cancellationToken);

    Task RemoveAsync(string cameraId, CancellationToken cancellationToken);

    /// <summary>Ids in ascending order, paged.</summary>
    Task<IReadOnlyList<string>> ListAsync(int offset, int limit, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
