using System.Net;
using System.Text;
using System.Text.Json;
using CameraCloud.Cluster;
using CameraCloud.Gateway.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>An owner that cannot be reached or does not answer: the client gets a problem that names the device and the node.</summary>
public sealed class OwnerUnreachableTests
{
    private const string CameraId = "0800c00128f8";
    private const string OwnerId = "node-gone";

    [Fact]
    public async Task A_closed_port_is_a_502_naming_device_and_node()
    {
        await using var gateway = await GatewayNode.StartAsync("node-self");
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), OwnerId, new Uri($"http://127.0.0.1:{LoopbackTcp.ClosedPort()}/"));

        var problem = await GetProblemAsync(gateway);

        Assert.Equal("Owner node unreachable", problem.GetProperty("title").GetString());
        Assert.Equal(502, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains($"camera/{CameraId}", detail, StringComparison.Ordinal);
        Assert.Contains($"'{OwnerId}'", detail, StringComparison.Ordinal);
        Assert.Contains("refused", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, gateway.Logs.Count("ForwardFailed"));
    }

    [Fact]
    public async Task A_node_that_accepts_no_connection_is_a_502_after_the_connect_timeout()
    {
        using var cancel = TestWait.Token();
        using var unresponsive = await UnresponsiveListener.StartAsync(cancel.Token);
        await using var gateway = await GatewayNode.StartAsync("node-self", services =>
            services.Configure<ForwardingOptions>(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(300)));
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), OwnerId, unresponsive.Address);

        var problem = await GetProblemAsync(gateway);

        Assert.Equal("Owner node unreachable", problem.GetProperty("title").GetString());
        Assert.Contains("no connection within 0.3 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_that_never_sends_headers_is_a_502_after_the_headers_timeout_and_its_request_is_cancelled()
    {
        var ownerSawAbort = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var owner = await StandInOwner.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => ownerSawAbort.TrySetResult());
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await using var gateway = await GatewayNode.StartAsync("node-self", services =>
            services.Configure<ForwardingOptions>(o => o.ResponseHeadersTimeout = TimeSpan.FromSeconds(1)));
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), StandInOwner.NodeId, owner.Address);

        var problem = await GetProblemAsync(gateway);

        Assert.Equal("Owner node unreachable", problem.GetProperty("title").GetString());
        Assert.Contains("no response within 1 s", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var cancel = TestWait.Token();
        await ownerSawAbort.Task.WaitAsync(cancel.Token);
    }

    private static async Task<JsonElement> GetProblemAsync(GatewayNode gateway)
    {
        using var client = gateway.CreateClient();
        using var cancel = TestWait.Token();
        using var response = await client.PostAsync($"/api/cameras/{CameraId}/commands",
            new StringContent("""{"command":"irLed","value":1}""", Encoding.UTF8, "application/json"), cancel.Token);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains(ClusterHeaders.ServedBy));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel.Token)).RootElement.Clone();
    }
}
