using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CameraCloud.Cluster;
using CameraCloud.Gateway.Cluster;
using CameraCloud.TestSupport;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>A request for a device another node holds, forwarded to a real owner app on loopback and answered back.</summary>
public sealed class ForwardedRequestTests
{
    private const string SelfId = "node-self";
    private const string CameraId = "0800c00128f8";
    private const string Json = """{"command":"irLed","value":1}""";

    [Fact]
    public async Task Method_path_query_headers_and_json_body_reach_the_owner()
    {
        var (saw, _) = await ForwardAsync(request =>
        {
            request.Headers.TryAddWithoutValidation("X-Custom", "one");
            // A key the gateway accepts, so the request is forwarded whether the gateway or the owner checks it.
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestApiKeys.Admin);
        });

        Assert.Equal("POST", saw.Method);
        Assert.Equal($"/api/cameras/{CameraId}/commands", saw.Path);
        Assert.Equal("?trace=abc&note=a%20b", saw.Query);
        Assert.Equal("one", saw.Headers["X-Custom"]);
        Assert.Equal("Bearer " + TestApiKeys.Admin, saw.Headers["Authorization"]);
        Assert.Equal("application/json; charset=utf-8", saw.Headers["Content-Type"]);
        Assert.Equal(Json, saw.Body);
    }

    [Fact]
    public async Task Hop_by_hop_headers_stay_on_the_clients_hop()
    {
        Uri? gatewayAddress = null;
        var (saw, _) = await ForwardAsync(request =>
        {
            gatewayAddress = request.RequestUri;
            request.Headers.Connection.Add("X-Hop-Only");
            request.Headers.TryAddWithoutValidation("X-Hop-Only", "for the first hop");
            request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
            request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic Zm9vOmJhcg==");
            request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
            request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
            request.Headers.Trailer.Add("X-Checksum");
        });

        foreach (var name in new[] { "Connection", "X-Hop-Only", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer" })
        {
            Assert.False(saw.Headers.ContainsKey(name), $"{name} reached the owner: {saw.Headers.GetValueOrDefault(name)}");
        }
        // Host is the one end-to-end exception: the owner sees the client's, because it builds URLs from it
        // (an agent's port URLs), and those must be the ones the client can use.
        Assert.Equal(gatewayAddress!.Authority, saw.Headers["Host"]);
    }

    [Fact]
    public async Task The_forwarder_says_who_forwarded_it_for_whom()
    {
        Uri? gatewayAddress = null;
        var (saw, _) = await ForwardAsync(request =>
        {
            gatewayAddress = request.RequestUri;
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        });

        Assert.Equal(SelfId, saw.Headers[ClusterHeaders.ForwardedBy]);
        Assert.Equal("203.0.113.7, 127.0.0.1", saw.Headers["X-Forwarded-For"]);
        Assert.Equal(gatewayAddress!.Authority, saw.Headers["X-Forwarded-Host"]);
        Assert.Equal("http", saw.Headers["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task Earlier_proxies_forwarded_host_and_proto_are_kept_ahead_of_this_hops()
    {
        var (saw, _) = await ForwardAsync(request =>
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "cameras.example");
            request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        });

        Assert.StartsWith("cameras.example, 127.0.0.1:", saw.Headers["X-Forwarded-Host"], StringComparison.Ordinal);
        Assert.Equal("https, http", saw.Headers["X-Forwarded-Proto"]);
    }

    [Fact]
    public async Task The_owners_status_headers_and_body_come_back()
    {
        await using var owner = await StandInOwner.StartAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers["X-Owner"] = "yes";
            context.Response.Headers["X-Owner-Multi"] = new(["a", "b"]);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"accepted":true}""", context.RequestAborted);
        });
        await using var gateway = await GatewayNode.StartAsync(SelfId);
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), StandInOwner.NodeId, owner.Address);
        using var client = gateway.CreateClient();
        using var cancel = TestWait.Token();

        using var response = await client.PostAsync($"/api/cameras/{CameraId}/commands",
            new StringContent(Json, Encoding.UTF8, "application/json"), cancel.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["yes"], response.Headers.GetValues("X-Owner"));
        Assert.Equal(["a", "b"], response.Headers.GetValues("X-Owner-Multi").SelectMany(v => v.Split(", ")));
        Assert.Equal([StandInOwner.NodeId], response.Headers.GetValues(ClusterHeaders.ServedBy));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"accepted":true}""", await response.Content.ReadAsStringAsync(cancel.Token));
    }

    /// <summary>Sends a command for a camera that a stand-in owner holds through a gateway node; returns what the owner saw.</summary>
    private static async Task<(OwnerSaw Saw, Uri Owner)> ForwardAsync(Action<HttpRequestMessage> prepare)
    {
        var received = new TaskCompletionSource<OwnerSaw>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var owner = await StandInOwner.StartAsync(async context =>
        {
            received.TrySetResult(await OwnerSaw.ReadAsync(context.Request));
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        await using var gateway = await GatewayNode.StartAsync(SelfId);
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), StandInOwner.NodeId, owner.Address);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.Address, $"/api/cameras/{CameraId}/commands?trace=abc&note=a%20b"))
        {
            Content = new StringContent(Json, Encoding.UTF8, "application/json"),
        };
        prepare(request);
        using var cancel = TestWait.Token();

        using var response = await client.SendAsync(request, cancel.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await received.Task.WaitAsync(cancel.Token), owner.Address);
    }
}
