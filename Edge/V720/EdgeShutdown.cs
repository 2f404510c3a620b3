namespace CameraCloud.Edge.V720;

/// <summary>
/// Cancelled when the node starts stopping, before the edge's Kestrel stops. Kestrel cannot tell a
/// connection handler to finish, and would wait its whole shutdown timeout for connected cameras; this
/// token ends their sessions at once, so the grains record them offline within the grace period.
/// </summary>
public sealed class EdgeShutdown : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public void Signal() => _source.Cancel();

    public void Dispose() => _source.Dispose();
}
