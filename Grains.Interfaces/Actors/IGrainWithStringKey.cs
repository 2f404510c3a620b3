namespace CameraCloud.Actors;

/// <summary>Marks a grain contract addressed by a string key (a device id, an agent id).</summary>
/// <remarks>
/// Shaped like Orleans' interface of the same name: every method returns a Task and the runtime
/// runs one call at a time per activation.
/// </remarks>
public interface IGrainWithStringKey;
