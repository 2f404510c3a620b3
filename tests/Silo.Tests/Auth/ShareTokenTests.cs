using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.Auth;

/// <summary>Viewing links: a token in the URL that watches one camera, as a VMS or an img tag uses it, and nothing more.</summary>
public sealed class ShareTokenTests
{
    [Fact]
    public async Task A_viewing_link_watches_its_camera_without_a_key_and_nothing_else()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b3c1"), Timeouts.Short);
        await using var other = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b3c2"), Timeouts.Short);
        var share = await CreateAsync(silo, camera.DeviceId, new { minutes = 5 });
        using var anonymous = new HttpClient();

        // The answer's URLs work as they are, with no header: what a browser or a VMS would do.
        using (var snapshot = await anonymous.GetAsync(share.GetProperty("snapshotUrl").GetString(), Timeouts.Long))
        {
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
            Assert.True(SimulatedFrameTag.TryRead(await snapshot.Content.ReadAsByteArrayAsync(Timeouts.Short), out var uid, out _));
            Assert.Equal(camera.DeviceId, uid);
        }
        using (var mjpeg = await anonymous.GetAsync(share.GetProperty("mjpegUrl").GetString(), HttpCompletionOption.ResponseHeadersRead, Timeouts.Long))
        {
            Assert.Equal(HttpStatusCode.OK, mjpeg.StatusCode);
        }

        var query = "?token=" + Uri.EscapeDataString(share.GetProperty("token").GetString()!);
        foreach (var (method, path) in new[]
        {
            ("GET", $"api/cameras/{other.DeviceId}/snapshot{query}"),
            ("GET", $"api/cameras/{camera.DeviceId}{query}"),
            ("GET", $"api/cameras{query}"),
            ("POST", $"api/cameras/{camera.DeviceId}/commands{query}"),
            ("POST", $"api/cameras/{camera.DeviceId}/shares{query}"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(silo.Gateway, path));
            using var response = await anonymous.SendAsync(request, Timeouts.Short);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_revoked_or_forged_link_is_refused()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b3c3"), Timeouts.Short);
        var share = await CreateAsync(silo, camera.DeviceId, new { minutes = 60 });
        var url = share.GetProperty("snapshotUrl").GetString()!;
        using var anonymous = new HttpClient();

        var listed = await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}/shares", Timeouts.Short);
        Assert.Equal(share.GetProperty("id").GetString(), Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain(share.GetProperty("token").GetString()!, listed.GetRawText(), StringComparison.Ordinal);

        using (var revoke = await silo.Client.DeleteAsync($"api/cameras/{camera.DeviceId}/shares/{share.GetProperty("id").GetString()}", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        using (var revoked = await anonymous.GetAsync(url, Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }
        var forged = url[..^8] + "AAAAAAAA";
        using (var wrong = await anonymous.GetAsync(forged, Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var garbage = await anonymous.GetAsync(new Uri(silo.Gateway, $"api/cameras/{camera.DeviceId}/snapshot?token=%00%0A" + new string('x', 5000)), Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        }
    }

    [Theory]
    [InlineData("""{"minutes":0}""")]
    [InlineData("""{"minutes":525601}""")]
    [InlineData("""{"minutes":"soon"}""")]
    [InlineData("""{"camera":"x"}""")]
    public async Task A_bad_link_request_is_a_400_and_makes_no_link(string json)
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b3c4"), Timeouts.Short);

        using var response = await silo.Client.PostAsync($"api/cameras/{camera.DeviceId}/shares",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Timeouts.Short);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await silo.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{camera.DeviceId}/shares", Timeouts.Short)).EnumerateArray());
    }

    [Fact]
    public async Task A_link_for_an_unknown_camera_is_a_404()
    {
        await using var silo = await RunningSilo.StartAsync();

        using var response = await silo.Client.PostAsJsonAsync("api/cameras/0800c0ffffff/shares", new { minutes = 5 }, Timeouts.Short);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<JsonElement> CreateAsync(RunningSilo silo, string cameraId, object body)
    {
        using var created = await silo.Client.PostAsJsonAsync($"api/cameras/{cameraId}/shares", body, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
    }
}
