using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CameraCloud.Gateway;

/// <summary>
/// Reads a small JSON body with a hard size cap, checked against Content-Length before reading and against the
/// bytes actually read for chunked bodies. Requiring a JSON content type also makes a browser preflight any
/// cross-site call, which matters for commands that reboot or re-point a camera.
/// </summary>
internal static class JsonBodyReader
{
    /// <summary>
    /// Reads and deserializes the body, or returns the problem to answer with. <c>describeError</c> may turn the
    /// JSON path of a deserialization error into a clearer message (e.g. an enum's values); null keeps the default.
    /// </summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, int maxBytes, JsonSerializerOptions options, Func<string?, string?>? describeError,
        CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ProblemResults.UnsupportedMediaType());
        }
        if (request.ContentLength > maxBytes)
        {
            return (null, ProblemResults.BodyTooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            while (length <= maxBytes)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            if (length > maxBytes)
            {
                return (null, ProblemResults.BodyTooLarge(maxBytes));
            }
            if (length == 0)
            {
                return (null, ProblemResults.InvalidRequest("The request body is empty; send a JSON object."));
            }
            return Deserialize<T>(buffer.AsSpan(0, length), options, describeError);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (T? Value, ProblemHttpResult? Problem) Deserialize<T>(
        ReadOnlySpan<byte> json, JsonSerializerOptions options, Func<string?, string?>? describeError)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, options);
            return value is null
                ? (null, ProblemResults.InvalidRequest("The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException error)
        {
            if (describeError?.Invoke(error.Path) is { } described)
            {
                return (null, ProblemResults.InvalidRequest(described));
            }
            // The path and position say where to look; the exception text would name .NET types.
            var where = error.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            var position = error.LineNumber is { } line
                ? $" (line {line + 1}, byte {error.BytePositionInLine + 1})"
                : string.Empty;
            return (null, ProblemResults.InvalidRequest(
                $"The request body is not valid JSON for this request{where}{position}: check the syntax, the property names and the value types in the API description at /swagger."));
        }
    }
}
