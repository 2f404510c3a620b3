using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The vendor envelope <c>{"code":…,"message":…,"data":…}</c>. The body is written with an explicit
/// Content-Length in UTF-8 bytes: the vendor message is Chinese, and a character count would cut it (§9.9).
/// </summary>
public static class V720BootstrapResponse
{
    /// <summary>The vendor's "operation succeeded".</summary>
    public const string VendorOk = "操作成功";

    public static async Task WriteAsync(HttpContext context, int status, string message, Action<Utf8JsonWriter> writeData)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", status);
            writer.WriteString("message", message);
            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }
}
