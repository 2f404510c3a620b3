using System.Text;
using StackExchange.Redis;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// The Redis key of one record: <c>cameracloud:grain:{grainType}:{key}:{stateName}</c>, UTF-8. Grain
/// type and state name are identifiers chosen in code and may not contain <c>:</c>, so the key is
/// everything between the third and the last colon and needs no escaping: any grain key (colons,
/// spaces, NUL included — Redis keys are binary-safe) maps to exactly one Redis key and back.
/// Strings that are not valid Unicode are refused, because UTF-8 would map them onto other keys.
/// </summary>
internal static class RedisRecordKey
{
    public const string Prefix = "cameracloud:grain:";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RedisKey For(string grainType, string key, string stateName)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        RefuseColon(grainType, nameof(grainType));
        RefuseColon(stateName, nameof(stateName));
        return (RedisKey)Encode(string.Concat(Prefix, grainType, ":", key, ":", stateName), nameof(key));
    }

    /// <summary>The key as people read it in messages: UTF-8 text, with control characters shown as escapes.</summary>
    public static string Display(RedisKey redisKey)
    {
        string text = Encoding.UTF8.GetString((byte[])redisKey!);
        var display = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                display.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                display.Append(c);
            }
        }

        return display.ToString();
    }

    private static void RefuseColon(string value, string what)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} '{value}' contains ':', which would make the Redis key ambiguous.", what);
        }
    }

    private static byte[] Encode(string value, string what)
    {
        try
        {
            return StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException($"The {what} contains an unpaired surrogate and cannot be stored.", what, ex);
        }
    }
}
