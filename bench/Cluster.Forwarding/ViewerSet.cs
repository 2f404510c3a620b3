namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// Viewers of every camera along one path. The first viewer of each camera stamps the camera's timeline; with
/// several viewers per camera the others only add load.
/// </summary>
public sealed class ViewerSet : IAsyncDisposable
{
    private static readonly TimeSpan FirstFrameTimeout = TimeSpan.FromSeconds(30);

    private readonly List<TimedViewer> _viewers;
    private bool _disposed;

    private ViewerSet(ViewerPath path, List<TimedViewer> viewers)
    {
        Path = path;
        _viewers = viewers;
    }

    public ViewerPath Path { get; }

    public int Count => _viewers.Count;

    public long Received => _viewers.Sum(v => v.Received);

    /// <summary>Viewers whose stream broke, with the first reason.</summary>
    public (int Count, string? First) Failures =>
        (_viewers.Count(v => v.Failure is not null), _viewers.Select(v => v.Failure).FirstOrDefault(f => f is not null));

    public long Untagged => _viewers.Sum(v => v.Untagged);

    /// <summary>Opens the viewers and returns once each has a frame and was served by node A.</summary>
    public static async Task<ViewerSet> OpenAsync(ForwardingCluster cluster, IReadOnlyList<TimedCamera> cameras, ViewerPath path, int perCamera, CancellationToken cancellationToken)
    {
        var client = cluster.ClientFor(path);
        var viewers = new List<TimedViewer>();
        foreach (var camera in cameras)
        {
            for (var i = 0; i < perCamera; i++)
            {
                viewers.Add(TimedViewer.Start(client, camera.Id, path, i == 0 ? camera.Timeline : null));
            }
        }
        var set = new ViewerSet(path, viewers);
        try
        {
            await Task.WhenAll(viewers.Select(v => v.FirstFrame)).WaitAsync(FirstFrameTimeout, cancellationToken);
            // Forwarded or not, the owner serves: a viewer served by B itself would measure no forwarding at all.
            var wrong = viewers.FirstOrDefault(v => v.ServedBy != ForwardingCluster.OwnerNodeId);
            if (wrong is not null)
            {
                throw new InvalidOperationException($"{path} viewer of {wrong.CameraId} was served by '{wrong.ServedBy}', not {ForwardingCluster.OwnerNodeId}");
            }
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes every viewer; a second call does nothing, so a set may be closed early and again in a finally.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (var viewer in _viewers)
        {
            await viewer.DisposeAsync();
        }
    }
}
