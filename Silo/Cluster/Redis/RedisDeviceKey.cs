using System.Text;
using CameraCloud.Cluster;
using StackExchange.Redis;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// The Redis key of a device's directory entry: <c>cameracloud:device:{camera|agent}:{id}</c>, UTF-8. The kind
/// never contains a colon, so the id is everything after the third colon and needs no escaping. Ids that are
/// not valid Unicode are refused, because UTF-8 would map them onto other keys.
/// </summary>
internal static class RedisDeviceKey
{
    public const string Prefix = "cameracloud:device:";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RedisKey For(DeviceKey device)
    {
        string kind = device.Kind == DeviceKind.Camera ? "camera" : "agent";
        try
        {
            return (RedisKey)StrictUtf8.GetBytes(string.Concat(Prefix, kind, ":", device.Id));
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The device id of {kind} '{device.Id}' contains an unpaired surrogate.", nameof(device), ex);
        }
    }

    /// <summary>The device as logs and the claims channel name it: <c>camera/&lt;id&gt;</c>, <c>agent/&lt;id&gt;</c>.</summary>
    public static bool TryParseName(string name, out DeviceKey device)
    {
        device = default;
        (DeviceKind kind, string id) = name switch
        {
            _ when name.StartsWith("camera/", StringComparison.Ordinal) => (DeviceKind.Camera, name["camera/".Length..]),
            _ when name.StartsWith("agent/", StringComparison.Ordinal) => (DeviceKind.Agent, name["agent/".Length..]),
            _ => (DeviceKind.Camera, ""),
        };
        if (id.Length == 0)
        {
            return false;
        }

        device = DeviceKey.For(kind, id);
        return true;
    }
}
