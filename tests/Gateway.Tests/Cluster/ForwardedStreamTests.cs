using System.Net.Http.Headers;
using CameraCloud.Cluster;
using CameraCloud.TestSupport;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>An endless multipart response from the owner, through the forwarder, as it flows and as it breaks.</summary>
public sealed class ForwardedStreamTests
{
    private const string CameraId = "0800c00128f8";
    private const string FirstPart = "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: 5\r\n\r\nPART1\r\n";
    private const string SecondPart = "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: 5\r\n\r\nPART2\r\n";

    private readonly TaskCompletionSource _clientHasFirstPart = NewSignal();
    private readonly TaskCompletionSource _ownerSawAbort = NewSignal();

    [Fact]
    public async Task The_client_reads_each_part_while_the_owner_is_still_writing()
    {
        await using var owner = await StartEndlessOwnerAsync(afterFirstPart: async context =>
        {
            await context.Response.WriteAsync(SecondPart, context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await using var gateway = await StartGatewayAsync(owner);
        using var client = gateway.CreateClient();
        using var cancel = TestWait.Token();

        using var response = await client.GetAsync($"/api/cameras/{CameraId}/mjpeg", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);

        // The owner holds back the second part until the client has the first: a forwarder that buffered the body would hang here.
        Assert.Equal(FirstPart, await LoopbackTcp.ReadUntilAsync(body, "PART1\r\n", cancel.Token));
        _clientHasFirstPart.SetResult();
        Assert.Equal(SecondPart, await LoopbackTcp.ReadUntilAsync(body, "PART2\r\n", cancel.Token));
        Assert.Equal(new MediaTypeHeaderValue("multipart/x-mixed-replace") { Parameters = { new("boundary", "frame") } },
            response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task A_client_that_leaves_mid_stream_cancels_the_owners_request()
    {
        await using var owner = await StartEndlessOwnerAsync(afterFirstPart: context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var gateway = await StartGatewayAsync(owner);
        using var cancel = TestWait.Token();

        await using (var client = await RawHttpClient.ConnectAsync(gateway.Port, cancel.Token))
        {
            await client.SendAsync($"GET /api/cameras/{CameraId}/mjpeg HTTP/1.1\r\nHost: gateway\r\n{TestApiKeys.AuthorizationLine}\r\n", cancel.Token);
            await LoopbackTcp.ReadUntilAsync(client.Stream, "PART1", cancel.Token);
        }

        await _ownerSawAbort.Task.WaitAsync(cancel.Token);
    }

    [Fact]
    public async Task An_owner_that_dies_mid_body_aborts_the_clients_connection()
    {
        await using var owner = await StartEndlessOwnerAsync(afterFirstPart: context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        await using var gateway = await StartGatewayAsync(owner);
        using var client = gateway.CreateClient();
        using var cancel = TestWait.Token();

        using var response = await client.GetAsync($"/api/cameras/{CameraId}/mjpeg", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        await LoopbackTcp.ReadUntilAsync(body, "PART1\r\n", cancel.Token);
        _clientHasFirstPart.SetResult();

        // A clean end would be the last chunk; a broken stream must not look like a finished one.
        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null, cancel.Token));
    }

    /// <summary>An owner that sends the first part, waits until the client has it, then does <paramref name="afterFirstPart"/>.</summary>
    private Task<LoopbackApp> StartEndlessOwnerAsync(Func<HttpContext, Task> afterFirstPart) =>
        StandInOwner.StartAsync(async context =>
        {
            context.RequestAborted.Register(() => _ownerSawAbort.TrySetResult());
            context.Response.ContentType = "multipart/x-mixed-replace; boundary=frame";
            await context.Response.WriteAsync(FirstPart, context.RequestAborted);
            await _clientHasFirstPart.Task.WaitAsync(context.RequestAborted);
            await afterFirstPart(context);
        });

    private static async Task<GatewayNode> StartGatewayAsync(LoopbackApp owner)
    {
        var gateway = await GatewayNode.StartAsync("node-self");
        gateway.SetRemoteOwner(DeviceKey.Camera(CameraId), StandInOwner.NodeId, owner.Address);
        return gateway;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
