using System.Buffers;
using System.Text.Json;

namespace CameraCloud.Silo.Storage;

/// <summary>
/// The on-disk form of one record, a single JSON object:
/// <c>{"format":1,"grainType":…,"key":…,"state":…,"etag":…,"data":&lt;the state JSON&gt;}</c>.
/// State that is one JSON value is embedded as-is so the file can be read by a person; any other
/// bytes go to <c>"dataBase64"</c>. Either way the bytes read back are exactly the bytes written.
/// The identity fields let a reader notice a file that belongs to another record.
/// </summary>
internal static class FileRecordEnvelope
{
    public const int Format = 1;

    public static byte[] Write(string grainType, string key, string stateName, string etag, ReadOnlySpan<byte> data)
    {
        var buffer = new ArrayBufferWriter<byte>(data.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteString("grainType", grainType);
            writer.WriteString("key", key);
            writer.WriteString("state", stateName);
            writer.WriteString("etag", etag);
            if (IsOneJsonValue(data))
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(data, skipInputValidation: true);
            }
            else
            {
                writer.WriteBase64String("dataBase64", data);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a file's bytes; on failure <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryParse(
        byte[] bytes, string grainType, string key, string stateName, out StoredRecord? record, out string? problem)
    {
        record = null;
        int? format = null;
        string? etag = null, storedType = null, storedKey = null, storedState = null;
        ReadOnlyMemory<byte>? data = null;
        var reader = new Utf8JsonReader(bytes);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "it does not hold a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "format" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int f):
                        format = f;
                        break;
                    case "etag" when reader.TokenType == JsonTokenType.String:
                        etag = reader.GetString();
                        break;
                    case "grainType" when reader.TokenType == JsonTokenType.String:
                        storedType = reader.GetString();
                        break;
                    case "key" when reader.TokenType == JsonTokenType.String:
                        storedKey = reader.GetString();
                        break;
                    case "state" when reader.TokenType == JsonTokenType.String:
                        storedState = reader.GetString();
                        break;
                    case "data":
                        int start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        data = bytes.AsMemory(start, (int)reader.BytesConsumed - start);
                        break;
                    case "dataBase64" when reader.TokenType == JsonTokenType.String:
                        if (!reader.TryGetBytesFromBase64(out byte[]? decoded))
                        {
                            problem = "its \"dataBase64\" is not valid base64";
                            return false;
                        }

                        data = decoded;
                        break;
                    case "format" or "etag" or "grainType" or "key" or "state" or "dataBase64":
                        problem = $"its \"{name}\" has the wrong JSON type ({reader.TokenType})";
                        return false;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // Drains the rest so trailing garbage is reported as invalid JSON rather than ignored.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            problem = $"it is not valid JSON (truncated or garbage): {ex.Message}";
            return false;
        }

        problem = format != Format ? $"its \"format\" is {format?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}, expected {Format}"
            : string.IsNullOrEmpty(etag) ? "it has no \"etag\""
            : data is null ? "it has no \"data\""
            : storedType != grainType || storedKey != key || storedState != stateName
                ? $"it belongs to record ({storedType}, '{storedKey}', {storedState}), not ({grainType}, '{key}', {stateName})"
            : null;
        if (problem is not null)
        {
            return false;
        }

        record = new StoredRecord(data!.Value, etag!);
        return true;
    }

    /// <summary>True when the bytes are exactly one JSON value with nothing before or after it.</summary>
    private static bool IsOneJsonValue(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        var reader = new Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenStartIndex != 0)
            {
                return false;
            }

            reader.Skip();
            return reader.BytesConsumed == data.Length && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
