namespace CameraCloud.Actors;

/// <summary>Returns a reference to the grain with the given key; the activation is created on first call.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrainWithStringKey;
}
