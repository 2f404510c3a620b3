using System.Threading.Channels;

namespace CameraCloud.Cameras;

/// <summary>
/// One viewer's bounded queue of media. A slow reader loses the oldest items; it never slows the camera
/// or other viewers. Dispose to leave.
/// </summary>
public interface IMediaSubscription<T> : IAsyncDisposable
{
    long SubscriptionId { get; }

    ChannelReader<T> Reader { get; }

    /// <summary>Items dropped because this reader fell behind.</summary>
    long Dropped { get; }
}
