using Microsoft.AspNetCore.Http;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>What a stand-in owner node received: the request as the forwarder sent it.</summary>
internal sealed record OwnerSaw(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static async Task<OwnerSaw> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        return new OwnerSaw(request.Method, request.Path, request.QueryString.Value ?? "", headers, body);
    }
}
