namespace CameraCloud.Actors;

/// <summary>Runtime-facing hooks of a grain; grain code does not call these.</summary>
public interface IGrainLifecycle
{
    void Bind(IGrainContext context);

    Task OnActivateAsync(CancellationToken cancellationToken);

    Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken);
}
