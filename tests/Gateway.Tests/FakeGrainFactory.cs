using CameraCloud.Actors;
using CameraCloud.Cameras;

namespace CameraCloud.Gateway.Tests;

/// <summary>Hands out one <see cref="RecordingCameraGrain"/> per key.</summary>
internal sealed class FakeGrainFactory : IGrainFactory
{
    private readonly Dictionary<string, RecordingCameraGrain> _cameras = new(StringComparer.Ordinal);

    public List<string> RequestedKeys { get; } = [];

    public RecordingCameraGrain Camera(string id)
    {
        if (!_cameras.TryGetValue(id, out var camera))
        {
            camera = new RecordingCameraGrain(id);
            _cameras.Add(id, camera);
        }
        return camera;
    }

    public TGrain GetGrain<TGrain>(string key) where TGrain : class, IGrainWithStringKey
    {
        RequestedKeys.Add(key);
        if (typeof(TGrain) != typeof(ICameraGrain))
        {
            throw new NotSupportedException($"{typeof(TGrain).Name} is not faked.");
        }
        return (TGrain)(object)Camera(key);
    }
}
