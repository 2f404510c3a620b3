using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CameraCloud.Codecs.V720.Mqtt;

/// <summary>
/// The V720 topics (spec §7) and the MQTT topic rules a minimal broker needs.
/// <code>
/// Naxclow/P2P/Users/Device/Status     camera → {"device":"&lt;uid&gt;","token":"NAXCLOW","status": 1}  (0 in the will)
/// Naxclow/P2P/Users/Device/Info       camera → settings and SD state, with "devicesCode":"&lt;uid&gt;"
/// Naxclow/P2P/Users/Device/sub/&lt;uid&gt;  → camera: §4.2 content objects, e.g. {"code": 202, "IrLed": 1}
/// </code>
/// </summary>
public static class MqttTopics
{
    public const string DeviceStatus = "Naxclow/P2P/Users/Device/Status";
    public const string DeviceInfo = "Naxclow/P2P/Users/Device/Info";
    public const string DeviceCommandPrefix = "Naxclow/P2P/Users/Device/sub/";

    /// <summary>The topic a camera subscribes to for commands.</summary>
    public static string DeviceCommand(string uid)
    {
        ArgumentException.ThrowIfNullOrEmpty(uid);
        if (uid.AsSpan().IndexOfAny('/', '+', '#') >= 0)
        {
            throw new ArgumentException("A uid cannot contain '/', '+' or '#'.", nameof(uid));
        }
        return DeviceCommandPrefix + uid;
    }

    /// <summary>The uid of a command topic (<c>…/sub/&lt;uid&gt;</c>).</summary>
    public static bool TryGetUidFromCommandTopic(string topic, [NotNullWhen(true)] out string? uid)
    {
        uid = null;
        if (!topic.StartsWith(DeviceCommandPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = topic[DeviceCommandPrefix.Length..];
        if (rest.Length == 0 || rest.AsSpan().IndexOfAny('/', '+', '#') >= 0)
        {
            return false;
        }
        uid = rest;
        return true;
    }

    /// <summary>Reads <c>device</c> and <c>status</c> from a Status payload (status 1 online, 0 offline).</summary>
    public static bool TryGetDeviceFromStatusPayload(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out string? device, out int status)
    {
        device = null;
        status = 0;
        using var document = V720Json.TryParseObject(payload);
        if (document is null)
        {
            return false;
        }
        var root = document.RootElement;
        var uid = V720Json.GetString(root, "device");
        var value = V720Json.GetInt(root, "status");
        if (string.IsNullOrEmpty(uid) || value is null)
        {
            return false;
        }
        device = uid;
        status = value.Value;
        return true;
    }

    /// <summary>Reads <c>devicesCode</c> (the uid) from an Info payload.</summary>
    public static bool TryGetDeviceFromInfoPayload(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out string? device)
    {
        device = null;
        using JsonDocument? document = V720Json.TryParseObject(payload);
        var uid = document is null ? null : V720Json.GetString(document.RootElement, "devicesCode");
        if (string.IsNullOrEmpty(uid))
        {
            return false;
        }
        device = uid;
        return true;
    }

    /// <summary>A topic a PUBLISH may carry: not empty, no wildcards.</summary>
    public static bool IsValidTopicName(string topic) =>
        topic.Length > 0 && topic.AsSpan().IndexOfAny('+', '#') < 0;

    /// <summary>A SUBSCRIBE filter: not empty; '+' fills a whole level; '#' fills the last level.</summary>
    public static bool IsValidTopicFilter(string filter)
    {
        if (filter.Length == 0)
        {
            return false;
        }

        int levelStart = 0;
        for (int i = 0; i <= filter.Length; i++)
        {
            if (i < filter.Length && filter[i] != '/')
            {
                continue;
            }

            var level = filter.AsSpan(levelStart, i - levelStart);
            bool hasWildcard = level.IndexOfAny('+', '#') >= 0;
            if (hasWildcard && !(level is "+" || (level is "#" && i == filter.Length)))
            {
                return false;
            }
            levelStart = i + 1;
        }
        return true;
    }

    /// <summary>
    /// True when <paramref name="topic"/> matches <paramref name="filter"/>: '+' one level, '#' this
    /// level and all below (so <c>a/#</c> matches <c>a</c>); wildcards at the first level do not match
    /// topics that start with '$'.
    /// </summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false;
        }

        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            int fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];
            if (fLevel is "#")
            {
                return true;
            }

            int tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];
            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }

            if (fEnd < 0 || tEnd < 0)
            {
                // One side has no more levels: a match only if both ended, or the filter's rest is "/#".
                return (fEnd < 0 && tEnd < 0) || (tEnd < 0 && f[(fEnd + 1)..] is "#");
            }
            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }
}
