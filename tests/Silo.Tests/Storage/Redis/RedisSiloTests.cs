using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Storage.Redis;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>A whole node configured with <c>--Storage:Provider=Redis</c>.</summary>
public sealed class RedisSiloTests
{
    [Fact]
    public async Task The_camera_registry_lives_in_redis_and_survives_a_restart_of_the_node()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        string[] args = ["--Storage:Provider=Redis", $"--Storage:Redis={redis.ConnectionString}"];
        string id;
        await using (var first = await RunningSilo.StartAsync(args))
        {
            Assert.IsType<RedisGrainStorage>(first.Services.GetRequiredService<IGrainStorage>());
            await using var camera = await SimulatedCamera.StartAsync(first.CameraOptions(deviceId: null), Timeouts.Short);
            id = camera.DeviceId;
            using var patch = await first.Client.PatchAsJsonAsync($"api/cameras/{id}", new { name = "Porch" }, Timeouts.Short);
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            await first.StopAsync();
        }

        Assert.NotEqual("0", await redis.CommandAsync("DBSIZE"));

        // A fresh data folder: whatever the node remembers came from Redis.
        await using var second = await RunningSilo.StartAsync(args);
        var info = await second.Client.GetFromJsonAsync<JsonElement>($"api/cameras/{id}", Timeouts.Short);
        Assert.Equal("Porch", info.GetProperty("name").GetString());
        Assert.False(info.GetProperty("online").GetBoolean());
        Assert.Equal(id, (await second.Client.GetFromJsonAsync<JsonElement>("api/cameras", Timeouts.Short))
            .GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unreachable_redis_fails_the_start_of_the_node_with_a_clear_message()
    {
        int port = LoopbackPorts.Tcp();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningSilo.StartAsync(
            "--Storage:Provider=Redis", $"--Storage:Redis=127.0.0.1:{port},password=s3cret-pw,abortConnect=false").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.StartsWith($"Storage:Redis '127.0.0.1:{port}' is unreachable: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }
}
