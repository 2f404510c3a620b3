using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>The agent REST API against a running node: provisioning, reading, changing, deleting, errors, Swagger.</summary>
public sealed partial class AgentApiTests
{
    [Fact]
    public async Task Provision_read_change_and_delete_an_agent()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new
        {
            id = "cam-porch",
            name = "Porch",
            targets = new object[]
            {
                new { name = "rtsp", host = "127.0.0.1", port = 554, path = "/cam/realmonitor?channel=1&subtype=0" },
                new { name = "http", host = "127.0.0.1", port = 80 },
            },
        }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/agents/cam-porch", created.Headers.Location?.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal(43, token.Length);
        var rtsp = body.GetProperty("agent").GetProperty("targets")[0];
        var rtspPort = rtsp.GetProperty("gatewayPort").GetInt32();
        Assert.True(silo.TunnelPorts.Contains(rtspPort));
        Assert.Equal($"rtsp://127.0.0.1:{rtspPort}/cam/realmonitor?channel=1&subtype=0", rtsp.GetProperty("url").GetString());
        var http = body.GetProperty("agent").GetProperty("targets")[1];
        Assert.Equal($"http://127.0.0.1:{http.GetProperty("gatewayPort").GetInt32()}", http.GetProperty("url").GetString());

        var one = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/cam-porch", Timeouts.Short);
        Assert.Equal("Porch", one.GetProperty("name").GetString());
        Assert.False(one.GetProperty("online").GetBoolean());
        Assert.DoesNotContain(token, one.ToString(), StringComparison.Ordinal);

        var list = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents", Timeouts.Short);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("cam-porch", list.GetProperty("items")[0].GetProperty("id").GetString());

        using var patched = await silo.Client.PatchAsJsonAsync("api/agents/cam-porch", new
        {
            name = "Front door",
            targets = new object[] { new { name = "rtsp", host = "192.168.1.64", port = 554 } },
        }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await patched.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        Assert.Equal("Front door", after.GetProperty("name").GetString());
        var kept = Assert.Single(after.GetProperty("targets").EnumerateArray());
        Assert.Equal(rtspPort, kept.GetProperty("gatewayPort").GetInt32());
        Assert.Equal($"rtsp://127.0.0.1:{rtspPort}", kept.GetProperty("url").GetString());

        using var deleted = await silo.Client.DeleteAsync("api/agents/cam-porch", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await silo.Client.GetAsync("api/agents/cam-porch", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        using var again = await silo.Client.DeleteAsync("api/agents/cam-porch", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Without_an_id_the_server_generates_one_and_the_default_target_is_rtsp()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new { }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        Assert.Matches(GeneratedId(), body.GetProperty("id").GetString());
        var target = Assert.Single(body.GetProperty("agent").GetProperty("targets").EnumerateArray());
        Assert.Equal("rtsp", target.GetProperty("name").GetString());
        Assert.Equal(554, target.GetProperty("port").GetInt32());
        Assert.Equal(silo.TunnelPorts.First, target.GetProperty("gatewayPort").GetInt32());
    }

    [Fact]
    public async Task A_taken_id_is_409()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var first = await silo.Client.PostAsJsonAsync("api/agents", new { id = "twice" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await silo.Client.PostAsJsonAsync("api/agents", new { id = "twice" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("token", await second.Content.ReadAsStringAsync(Timeouts.Short), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_400_problem_and_nothing_is_created()
    {
        await using var silo = await RunningSilo.StartAsync();
        object[] bad =
        [
            new { id = "has space" },
            new { id = new string('a', 65) },
            new { name = "" },
            new { targets = Array.Empty<object>() },
            new { targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 0 } } },
            new { targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 554, path = "no-slash" } } },
            new { targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 554 }, new { name = "rtsp", host = "127.0.0.1", port = 555 } } },
            new { targets = new object[] { new { name = "bad name", host = "127.0.0.1", port = 554 } } },
            new { targets = new object[] { new { name = "rtsp", host = "", port = 554 } } },
            new { targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 554, paht = "/x" } } },
            new { idd = "typo" },
        ];
        foreach (var body in bad)
        {
            using var response = await silo.Client.PostAsJsonAsync("api/agents", body, Timeouts.Short);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)} → {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var notJson = await silo.Client.PostAsync("api/agents", new StringContent("id=x", Encoding.UTF8, "text/plain"), Timeouts.Short);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        using var badId = await silo.Client.GetAsync("api/agents/bad%20id", Timeouts.Short);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        using var emptyPatch = await silo.Client.PatchAsJsonAsync("api/agents/whoever", new { }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.BadRequest, emptyPatch.StatusCode);
        using var unknownPatch = await silo.Client.PatchAsJsonAsync("api/agents/whoever", new { name = "x" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, unknownPatch.StatusCode);

        var list = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents", Timeouts.Short);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Control_of_an_offline_agent_is_503_of_an_unknown_one_404_and_a_bad_command_400()
    {
        await using var silo = await RunningSilo.StartAsync();
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new { id = "sleepy" }, Timeouts.Short);

        using var offline = await silo.Client.PostAsJsonAsync("api/agents/sleepy/control", new { command = "get-status" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, offline.StatusCode);
        Assert.Equal("Agent offline", (await offline.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).GetProperty("title").GetString());

        using var unknown = await silo.Client.PostAsJsonAsync("api/agents/nobody/control", new { command = "restart" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        object[] bad =
        [
            new { command = "format-disk" },
            new { },
            new { command = "redirect" },
            new { command = "redirect", url = "http://not-a-websocket/" },
            new { command = "restart", url = "wss://x/agent/connect" },
            new { command = "get-status", targets = new object[] { new { name = "rtsp", host = "h", port = 1 } } },
            new { command = "update-config", targets = new object[] { new { name = "rtsp", host = "h", port = 70000 } } },
        ];
        foreach (var body in bad)
        {
            using var response = await silo.Client.PostAsJsonAsync("api/agents/sleepy/control", body, Timeouts.Short);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)} → {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Urls_use_Tunnel_PublicHost_when_it_is_set()
    {
        await using var silo = await RunningSilo.StartAsync("--Tunnel:PublicHost=cams.example.net");
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new
        {
            id = "a",
            targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 554, path = "/live" }, new { name = "onvif", host = "127.0.0.1", port = 8000 } },
        }, Timeouts.Short);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        var targets = body.GetProperty("agent").GetProperty("targets");
        Assert.Equal($"rtsp://cams.example.net:{silo.TunnelPorts.First}/live", targets[0].GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, targets[1].GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task An_exhausted_port_range_is_503_and_creates_nothing()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.TunnelPortRangeArg + RunningSilo.FindFreeTunnelPorts(2));
        using var two = await silo.Client.PostAsJsonAsync("api/agents", new
        {
            id = "a",
            targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = 554 }, new { name = "http", host = "127.0.0.1", port = 80 } },
        }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);
        using var full = await silo.Client.PostAsJsonAsync("api/agents", new { id = "b" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.Equal("No gateway port free", (await full.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).GetProperty("title").GetString());
        using var b = await silo.Client.GetAsync("api/agents/b", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NotFound, b.StatusCode);
    }

    [Fact]
    public async Task Swagger_describes_every_agent_endpoint_under_the_Agents_tag()
    {
        await using var silo = await RunningSilo.StartAsync();
        var document = await silo.Client.GetFromJsonAsync<JsonElement>("swagger/v1/swagger.json", Timeouts.Short);
        var paths = document.GetProperty("paths");
        (string Path, string Method)[] expected =
        [
            ("/api/agents", "post"), ("/api/agents", "get"), ("/api/agents/{id}", "get"), ("/api/agents/{id}", "patch"),
            ("/api/agents/{id}", "delete"), ("/api/agents/{id}/control", "post"),
        ];
        foreach (var (path, method) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is documented");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is documented");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has a summary");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), $"{method} {path} has a description");
            Assert.Equal("Agents", operation.GetProperty("tags")[0].GetString());
        }
        Assert.True(paths.GetProperty("/api/agents").GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.False(paths.TryGetProperty("/agent/connect", out _));
    }

    [GeneratedRegex("^agent-[0-9a-f]{12}$")]
    private static partial Regex GeneratedId();
}
