using System.Net;
using System.Text;
using System.Text.Json;
using CameraCloud.Cluster;
using CameraCloud.TestSupport;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>
/// Request bodies through the forwarder, between two real gateway nodes: the second holds the camera and serves
/// it with its own endpoints. An oversize body is refused as the owner itself refuses it.
/// </summary>
public sealed class ForwardedBodyLimitTests : IAsyncLifetime
{
    private const string CameraId = "0800c00128f8";

    // Over the gateway's default 16 KiB cap on JSON bodies, yet valid JSON, so only the size can be refused.
    private static string Oversize(int size) => $$"""{"command":"irLed","value":1,"pad":"{{new string('x', size)}}"}""";

    private GatewayNode _owner = null!;
    private GatewayNode _gateway = null!;

    public async Task InitializeAsync()
    {
        _owner = await GatewayNode.StartAsync("node-owner");
        _gateway = await GatewayNode.StartAsync("node-self");
        _gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), "node-owner", _owner.Address);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _owner.DisposeAsync();
    }

    [Fact]
    public async Task A_body_within_the_cap_reaches_the_owners_endpoint()
    {
        using var response = await SendAsync(_gateway, """{"command":"irLed","value":1}""", chunked: false);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["node-owner"], response.Headers.GetValues("CameraCloud-Node"));
        Assert.Single(_owner.Grains.Camera(CameraId).SentCommands);
    }

    [Theory]
    [InlineData(false, 20 * 1024)]
    [InlineData(true, 20 * 1024)]
    [InlineData(false, 4 * 1024 * 1024)]
    [InlineData(true, 4 * 1024 * 1024)]
    public async Task An_oversize_body_is_a_413_like_the_owners_own(bool chunked, int size)
    {
        var oversize = Oversize(size);
        using var direct = await SendAsync(_owner, oversize, chunked);
        using var forwarded = await SendAsync(_gateway, oversize, chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, direct.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, forwarded.StatusCode);
        Assert.Equal(await TitleAsync(direct), await TitleAsync(forwarded));
        Assert.Empty(_owner.Grains.Camera(CameraId).SentCommands);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversize_body_does_not_cross_to_the_owner(bool chunked)
    {
        var ownerRequests = 0;
        var ownerBodyBytes = 0L;
        await using var owner = await StandInOwner.StartAsync(async context =>
        {
            Interlocked.Increment(ref ownerRequests);
            var buffer = new byte[8192];
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    Interlocked.Add(ref ownerBodyBytes, read);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The forwarder broke the body off.
            }
        });
        _gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), StandInOwner.NodeId, owner.Address);

        using var response = await SendAsync(_gateway, Oversize(4 * 1024 * 1024), chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body too large", await TitleAsync(response));
        Assert.InRange(Interlocked.Read(ref ownerBodyBytes), 0, new GatewayOptions().MaxRequestBodyBytes);
        if (!chunked)
        {
            // The declared length alone decides: the owner is not even asked.
            Assert.Equal(0, Volatile.Read(ref ownerRequests));
        }
    }

    [Fact]
    public async Task A_malformed_chunked_body_is_the_clients_400_not_an_unreachable_owner()
    {
        using var cancel = TestWait.Token();
        await using var client = await RawHttpClient.ConnectAsync(_gateway.Port, cancel.Token);

        await client.SendAsync($"POST /api/cameras/{CameraId}/commands HTTP/1.1\r\nHost: gateway\r\n{TestApiKeys.AuthorizationLine}" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", cancel.Token);
        var head = await client.ReadHeadAsync(cancel.Token);

        Assert.Equal(400, head.Status);
        Assert.Equal("application/problem+json", head.Headers["Content-Type"]);
        Assert.Empty(_owner.Grains.Camera(CameraId).SentCommands);
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayNode node, string json, bool chunked)
    {
        using var client = node.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(json);
        // A stream of unknown length goes out chunked; a byte array with its Content-Length.
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        using var cancel = TestWait.Token();
        var response = await client.PostAsync($"/api/cameras/{CameraId}/commands", content, cancel.Token);
        await response.Content.LoadIntoBufferAsync(cancel.Token);
        return response;
    }

    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var cancel = TestWait.Token();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel.Token)).RootElement.GetProperty("title").GetString();
    }
}
