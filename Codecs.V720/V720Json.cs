using System.Text;
using System.Text.Json;

namespace CameraCloud.Codecs.V720;

/// <summary>
/// Lenient reading of the cameras' hand-formatted JSON (spec §3.1): trailing NULs and whitespace are
/// trimmed, numbers are accepted where strings were expected and the other way round.
/// </summary>
public static class V720Json
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Parses a payload as a JSON object; null when it is not one or is not valid UTF-8.</summary>
    public static JsonDocument? TryParseObject(ReadOnlySpan<byte> payload)
    {
        var trimmed = Trim(payload);
        // The parser does not check the bytes inside strings; reading them later would throw.
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{' || !System.Text.Unicode.Utf8.IsValid(trimmed))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(trimmed.ToArray(), Options);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The integer <c>code</c> member (number or numeric string), or null.</summary>
    public static int? GetCode(JsonElement element) => GetInt(element, "code");

    public static int? GetInt(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(ReadString(value), out var n) => n,
            _ => null,
        };
    }

    public static string? GetString(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => ReadString(value),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    // An escaped lone surrogate ("\ud800") parses but cannot become a string.
    private static string? ReadString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The raw JSON text of an object member (e.g. 301's <c>content</c>), or null.</summary>
    public static string? GetObjectText(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Object
            ? value.GetRawText()
            : null;

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> payload)
    {
        int end = payload.Length;
        while (end > 0 && (payload[end - 1] == 0 || payload[end - 1] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            end--;
        }
        int start = 0;
        while (start < end && payload[start] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            start++;
        }
        return payload[start..end];
    }

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
