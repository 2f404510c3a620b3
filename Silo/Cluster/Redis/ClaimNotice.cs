using CameraCloud.Cluster;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// What the claims channel says after each claim: <c>"&lt;epoch&gt; &lt;node&gt; &lt;device&gt;"</c>, e.g.
/// <c>"7 node-a camera/0800c0a1b2c3"</c>. Node ids contain no space, so the device (which may) is the rest.
/// </summary>
internal readonly record struct ClaimNotice(DeviceKey Device, long Epoch, string Node)
{
    public static bool TryParse(string? message, out ClaimNotice notice)
    {
        notice = default;
        if (message is null)
        {
            return false;
        }

        int first = message.IndexOf(' ', StringComparison.Ordinal);
        int second = first < 0 ? -1 : message.IndexOf(' ', first + 1);
        if (second < 0
            || !long.TryParse(message.AsSpan(0, first), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long epoch)
            || !RedisDeviceKey.TryParseName(message[(second + 1)..], out DeviceKey device))
        {
            return false;
        }

        string node = message[(first + 1)..second];
        if (node.Length == 0)
        {
            return false;
        }

        notice = new ClaimNotice(device, epoch, node);
        return true;
    }
}
