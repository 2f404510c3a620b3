using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CameraCloud.Gateway.Tests;

/// <summary>In-memory HTTP exchanges for calling handlers and wrappers without a server.</summary>
internal static class TestHttp
{
    public static DefaultHttpContext Context(IServiceProvider services)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/api/cameras/test";
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static DefaultHttpContext WithJsonBody(IServiceProvider services, string json, string? contentType = "application/json", bool sendLength = true)
    {
        var context = Context(services);
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = sendLength ? bytes.Length : null;
        return context;
    }

    public static JsonElement ReadJsonBody(HttpContext context)
    {
        var body = (MemoryStream)context.Response.Body;
        return JsonDocument.Parse(body.ToArray()).RootElement.Clone();
    }

    public static string ReadBodyText(HttpContext context) =>
        Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
