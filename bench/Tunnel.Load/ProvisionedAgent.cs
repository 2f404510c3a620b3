using System.Net.Http.Json;
using System.Text.Json;

namespace CameraCloud.Bench.TunnelLoad;

/// <summary>An agent created through the REST API: its id, token and the gateway port of each target.</summary>
public sealed record ProvisionedAgent(string Id, string Token, IReadOnlyDictionary<string, int> GatewayPorts)
{
    public static async Task<ProvisionedAgent> CreateAsync(HttpClient gateway, string id, IReadOnlyDictionary<string, int> targets, CancellationToken cancellationToken)
    {
        var body = new
        {
            id,
            targets = targets.Select(t => new { name = t.Key, host = "127.0.0.1", port = t.Value }).ToArray(),
        };
        using var response = await gateway.PostAsJsonAsync("api/agents", body, cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"provisioning {id} answered {(int)response.StatusCode}: {json}");
        }
        var ports = json.GetProperty("agent").GetProperty("targets").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("gatewayPort").GetInt32());
        return new ProvisionedAgent(json.GetProperty("id").GetString()!, json.GetProperty("token").GetString()!, ports);
    }

    /// <summary>Waits until the gateway reports the agent online (another process: its API is the only signal).</summary>
    public async Task WaitOnlineAsync(HttpClient gateway, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!(await gateway.GetFromJsonAsync<JsonElement>($"api/agents/{Id}", deadline.Token)).GetProperty("online").GetBoolean())
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
