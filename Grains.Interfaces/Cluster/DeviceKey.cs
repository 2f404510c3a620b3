namespace CameraCloud.Cluster;

/// <summary>
/// A device in the directory. Camera ids compare without case, so <see cref="For"/> puts them in their one spelling
/// (<see cref="Cameras.CameraId.Normalize"/>); agent ids are compared exactly.
/// </summary>
public readonly record struct DeviceKey
{
    private DeviceKey(DeviceKind kind, string id)
    {
        Kind = kind;
        Id = id;
    }

    public DeviceKind Kind { get; }

    public string Id { get; }

    public static DeviceKey For(DeviceKind kind, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new DeviceKey(kind, kind == DeviceKind.Camera ? Cameras.CameraId.Normalize(id) : id);
    }

    public static DeviceKey Camera(string id) => For(DeviceKind.Camera, id);

    public static DeviceKey Agent(string id) => For(DeviceKind.Agent, id);

    /// <summary><c>camera/0800c0a1b2c3</c>, <c>agent/agent-1</c>: how logs and Redis keys name it.</summary>
    public override string ToString() => (Kind == DeviceKind.Camera ? "camera/" : "agent/") + Id;
}
