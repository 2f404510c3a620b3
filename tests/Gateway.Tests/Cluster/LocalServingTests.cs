using System.Net;
using System.Text;
using System.Text.Json;
using CameraCloud.Cluster;
using CameraCloud.Gateway.Cluster;
using CameraCloud.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>Requests for a device that the forwarding step leaves to this node's own endpoints.</summary>
public sealed class LocalServingTests
{
    private const string SelfId = "node-self";
    private const string CameraId = "0800c00128f8";
    private const string Json = """{"command":"irLed","value":1}""";

    private int _ownerRequests;

    [Fact]
    public async Task A_request_already_forwarded_is_served_here_even_when_the_directory_names_another_node()
    {
        await using var owner = await StartCountingOwnerAsync();
        await using var gateway = await GatewayNode.StartAsync(SelfId);
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), StandInOwner.NodeId, owner.Address);

        using var response = await SendCommandAsync(gateway, CameraId, request =>
            request.Headers.TryAddWithoutValidation(ClusterHeaders.ForwardedBy, "node-elsewhere"));

        AssertServedHere(response, gateway);
        Assert.Single(gateway.Grains.Camera(CameraId).SentCommands);
        Assert.Equal(0, Volatile.Read(ref _ownerRequests));
    }

    [Theory]
    [InlineData("0800c00128f80800c00128f80800c00128f8")] // 36 characters: longer than any camera id
    [InlineData("0800-c001")]
    [InlineData("0800%2Ec001")]
    public async Task A_malformed_id_is_not_looked_up_and_gets_the_endpoints_own_400(string id)
    {
        await using var owner = await StartCountingOwnerAsync();
        await using var gateway = await GatewayNode.StartAsync(SelfId);
        gateway.Membership.AddLive(StandInOwner.NodeId, owner.Address);

        using var response = await SendCommandAsync(gateway, id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid camera id", (await ReadProblemAsync(response)).GetProperty("title").GetString());
        Assert.Equal(0, gateway.Directory.Lookups);
        Assert.Equal(0, Volatile.Read(ref _ownerRequests));
    }

    [Fact]
    public async Task A_device_owned_by_a_node_whose_heartbeats_stopped_is_served_here()
    {
        await using var gateway = await GatewayNode.StartAsync(SelfId);
        gateway.Directory.SetOwner(DeviceKey.Camera(CameraId), "node-dead");

        using var response = await SendCommandAsync(gateway, CameraId);

        AssertServedHere(response, gateway);
        Assert.Equal(1, gateway.Directory.Lookups);
    }

    [Fact]
    public async Task A_device_owned_here_is_served_here()
    {
        await using var gateway = await GatewayNode.StartAsync(SelfId);
        gateway.Directory.SetOwner(DeviceKey.Camera(CameraId), SelfId);

        using var response = await SendCommandAsync(gateway, CameraId);

        AssertServedHere(response, gateway);
        Assert.Single(gateway.Grains.Camera(CameraId).SentCommands);
    }

    [Fact]
    public async Task With_the_directory_down_requests_are_served_here_and_logged_once_a_minute()
    {
        var clock = new ManualTimeProvider();
        await using var gateway = await GatewayNode.StartAsync(SelfId, services => services.AddSingleton<TimeProvider>(clock));
        gateway.Directory.Unavailable = true;

        for (var i = 0; i < 3; i++)
        {
            using var response = await SendCommandAsync(gateway, CameraId);
            AssertServedHere(response, gateway);
        }
        Assert.Equal(1, gateway.Logs.Count("DirectoryUnavailable"));
        Assert.Contains("the test's store is down", gateway.Logs.Messages("DirectoryUnavailable")[0], StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(59));
        using (var response = await SendCommandAsync(gateway, CameraId))
        {
            AssertServedHere(response, gateway);
        }
        Assert.Equal(1, gateway.Logs.Count("DirectoryUnavailable"));

        clock.Advance(TimeSpan.FromSeconds(1));
        using (var response = await SendCommandAsync(gateway, CameraId))
        {
            AssertServedHere(response, gateway);
        }
        Assert.Equal(2, gateway.Logs.Count("DirectoryUnavailable"));
        Assert.Equal(5, gateway.Grains.Camera(CameraId).SentCommands.Count);
    }

    private static void AssertServedHere(HttpResponseMessage response, GatewayNode gateway)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([gateway.Membership.Self.NodeId], response.Headers.GetValues(ClusterHeaders.ServedBy));
    }

    private Task<LoopbackApp> StartCountingOwnerAsync() =>
        StandInOwner.StartAsync(context =>
        {
            Interlocked.Increment(ref _ownerRequests);
            context.Response.StatusCode = StatusCodes.Status418ImATeapot;
            return Task.CompletedTask;
        });

    private static async Task<HttpResponseMessage> SendCommandAsync(GatewayNode gateway, string id, Action<HttpRequestMessage>? prepare = null)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, $"/api/cameras/{id}/commands"))
        {
            Content = new StringContent(Json, Encoding.UTF8, "application/json"),
        };
        prepare?.Invoke(request);
        using var cancel = TestWait.Token();
        var response = await client.SendAsync(request, cancel.Token);
        await response.Content.LoadIntoBufferAsync(cancel.Token);
        return response;
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var cancel = TestWait.Token();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel.Token)).RootElement.Clone();
    }
}
