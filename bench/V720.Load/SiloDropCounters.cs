using System.Net.Http.Json;
using System.Text.Json;

namespace CameraCloud.Bench.V720Load;

/// <summary>
/// Where frames were lost, as the silo counted them: frames the edge could not reassemble (UDP loss on
/// the way in) and frames dropped from viewer queues (a viewer, here the load generator, fell behind).
/// </summary>
public readonly record struct SiloDropCounters(long IngestDropped, long ViewerDropped)
{
    /// <summary>The counters summed over every camera of <c>GET /api/cameras</c>, page by page.</summary>
    /// <param name="client">A client of the silo's gateway that calls the API as its admin (<see cref="SiloProcess.Authorize"/>).</param>
    /// <param name="cancellationToken">Ends the reading.</param>
    public static async Task<SiloDropCounters> ReadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        long ingest = 0, viewer = 0;
        for (var offset = 0; ; offset += 1000)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"api/cameras?offset={offset}&limit=1000", cancellationToken);
            var items = page.GetProperty("items");
            foreach (var camera in items.EnumerateArray())
            {
                var live = camera.GetProperty("live");
                var media = live.GetProperty("media");
                ingest += media.GetProperty("framesDroppedIncomplete").GetInt64() + media.GetProperty("framesDroppedCorrupt").GetInt64();
                viewer += live.GetProperty("framesDroppedForSlowViewers").GetInt64();
            }
            if (items.GetArrayLength() < 1000)
            {
                return new SiloDropCounters(ingest, viewer);
            }
        }
    }

    public static SiloDropCounters operator -(SiloDropCounters a, SiloDropCounters b) =>
        new(a.IngestDropped - b.IngestDropped, a.ViewerDropped - b.ViewerDropped);
}
