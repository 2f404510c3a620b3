namespace CameraCloud.Actors;

/// <summary>
/// Marks an object a grain may call back (Orleans' observer pattern): the socket side hands the grain
/// a link it can use to talk to the device without the grain knowing about sockets.
/// </summary>
public interface IGrainObserver;
