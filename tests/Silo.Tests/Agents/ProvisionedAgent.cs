using System.Net;
using System.Text.Json;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>An agent provisioned through <c>POST /api/agents</c> with one target, as the tests that run one need it.</summary>
/// <param name="Id">The agent id.</param>
/// <param name="Token">Its token (answered once).</param>
/// <param name="Url">The URL the API prints for the target (null when the target has no path).</param>
/// <param name="Port">The target's gateway port.</param>
public sealed record ProvisionedAgent(string Id, string Token, string? Url, int Port)
{
    /// <summary>Provisions <paramref name="id"/> with one target on 127.0.0.1 and asserts the 201.</summary>
    public static async Task<ProvisionedAgent> CreateAsync(HttpClient client, string id, string targetName, int targetPort,
        string? path, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("api/agents", new
        {
            id,
            name = "test camera",
            targets = new[] { new { name = targetName, host = "127.0.0.1", port = targetPort, path } },
        }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        var target = body.GetProperty("agent").GetProperty("targets")[0];
        return new ProvisionedAgent(body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!,
            target.GetProperty("url").GetString(), target.GetProperty("gatewayPort").GetInt32());
    }
}
