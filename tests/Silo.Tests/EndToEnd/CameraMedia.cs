using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>A camera's media counters as the API shows them (<c>live.media</c> of <c>GET /api/cameras/{id}</c>).</summary>
internal static class CameraMedia
{
    public static async Task<long> CounterAsync(RunningSilo silo, string cameraId, string counter) =>
        (await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{cameraId}", Timeouts.Short))
            .GetProperty("live").GetProperty("media").GetProperty(counter).GetInt64();
}
