using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CameraCloud.Edge.Agents;
using CameraCloud.Silo.Tests.Agents;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.RealPeers;

/// <summary>
/// The whole tunnel with real peers: GStreamer's RTSP server plays the camera, the real agent dials the
/// node, ffmpeg pulls RTSP from the agent's gateway port as a VMS would.
/// </summary>
public sealed class AgentRtspTests
{
    private static CancellationToken Within(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    [Fact]
    public async Task Ffmpeg_decodes_five_seconds_of_the_camera_through_the_agent_and_the_printed_url()
    {
        await using var camera = await RtspCameraProcess.StartAsync(Within(20));
        await using var silo = await RunningSilo.StartAsync();
        var (id, token, url, _) = await ProvisionAsync(silo, "cam-e2e", camera.Port);
        var online = WhenOnline(silo, id);
        await using var agent = AgentProcess.Start(silo.Gateway, id, token, $"rtsp=127.0.0.1:{camera.Port}");
        await online.WaitAsync(Within(30));

        var result = await FfmpegRtspPull.DecodeAsync(url, 5);
        Assert.True(result.ExitCode == 0, $"ffmpeg exit {result.ExitCode}: {result.Errors}");
        Assert.Equal("", result.Errors);
        Assert.True(result.DecodedSeconds >= 4.5, $"decoded {result.DecodedSeconds} s");
    }

    [Fact]
    public async Task A_wrong_token_is_rejected_and_no_session_starts()
    {
        await using var silo = await RunningSilo.StartAsync();
        var (id, _, _, _) = await ProvisionAsync(silo, "cam-badtoken", 554);
        var started = false;
        silo.Services.GetRequiredService<AgentSessionHost>().SessionStarted += (_, _) => started = true;

        await using var agent = AgentProcess.Start(silo.Gateway, id, "not-the-token", "rtsp=127.0.0.1:554");
        var line = await agent.WaitForLineAsync(l => l.Contains("rejected", StringComparison.OrdinalIgnoreCase), Within(30));
        Assert.DoesNotContain("not-the-token", agent.Output);
        Assert.False(started);
        Assert.Contains("401", line + agent.Output);
    }

    [Fact]
    public async Task After_a_silo_restart_the_agent_comes_back_on_its_own_and_the_port_is_unchanged()
    {
        await using var camera = await RtspCameraProcess.StartAsync(Within(20));
        var first = await RunningSilo.StartAsync();
        first.KeepData = true;
        var (id, token, url, port) = await ProvisionAsync(first, "cam-restart", camera.Port);
        var online = WhenOnline(first, id);
        await using var agent = AgentProcess.Start(first.Gateway, id, token, $"rtsp=127.0.0.1:{camera.Port}");
        await online.WaitAsync(Within(30));
        var sameAddresses = first.SameAddressesArgs;
        await first.StopAsync();
        await first.DisposeAsync();

        await using var second = await RunningSilo.StartOnDataAsync(first.DataPath, sameAddresses);
        await WhenOnline(second, id).WaitAsync(Within(60));
        var info = await second.Client.GetFromJsonAsync<JsonElement>($"api/agents/{id}", Within(10));
        Assert.Equal(port, info.GetProperty("targets")[0].GetProperty("gatewayPort").GetInt32());

        var result = await FfmpegRtspPull.DecodeAsync(url, 2);
        Assert.True(result.ExitCode == 0 && result.DecodedSeconds >= 1.5, $"ffmpeg exit {result.ExitCode}, {result.DecodedSeconds} s: {result.Errors}");
        Directory.Delete(first.DataPath, recursive: true);
    }

    [Fact]
    public async Task Twenty_rtsp_clients_decode_through_one_agent_at_once()
    {
        await using var camera = await RtspCameraProcess.StartAsync(Within(20), shared: true);
        await using var silo = await RunningSilo.StartAsync("--Tunnel:TrafficReportInterval=00:00:01");
        var (id, token, url, _) = await ProvisionAsync(silo, "cam-twenty", camera.Port);
        var online = WhenOnline(silo, id);
        await using var agent = AgentProcess.Start(silo.Gateway, id, token, $"rtsp=127.0.0.1:{camera.Port}");
        await online.WaitAsync(Within(30));

        // The first client makes the camera prepare its shared pipeline; the other 19 join a playing one
        // (clients racing the camera's own preparation is the camera's problem, not the tunnel's).
        var playing = WhenAnyStreamCarries(silo, id, 20_000);
        var first = FfmpegRtspPull.DecodeAsync(url, 5);
        await playing.WaitAsync(Within(30));
        var results = await Task.WhenAll(Enumerable.Range(0, 19).Select(_ => FfmpegRtspPull.DecodeAsync(url, 5)).Append(first));
        Assert.Equal(20, results.Length);
        Assert.All(results, r => Assert.True(r.ExitCode == 0 && r.DecodedSeconds >= 4.5, $"ffmpeg exit {r.ExitCode}, {r.DecodedSeconds} s: {r.Errors}"));
    }

    [Fact]
    public async Task A_stalled_rtsp_client_does_not_stall_the_others()
    {
        await using var camera = await RtspCameraProcess.StartAsync(Within(20), shared: true, noise: true);
        await using var silo = await RunningSilo.StartAsync("--Tunnel:TrafficReportInterval=00:00:01");
        var (id, token, url, port) = await ProvisionAsync(silo, "cam-stall", camera.Port);
        var online = WhenOnline(silo, id);
        await using var agent = AgentProcess.Start(silo.Gateway, id, token, $"rtsp=127.0.0.1:{camera.Port}");
        await online.WaitAsync(Within(30));

        // A client that sets up and plays, then never reads. Wait until its stream is stuck: more than a
        // window (1 MiB) has come from the agent and two reports in a row show no progress.
        var stuck = WhenStreamStuck(silo, id);
        using var stalled = await StartPlayingAndStallAsync(port);
        await stuck.WaitAsync(Within(60));

        var result = await FfmpegRtspPull.DecodeAsync(url, 5);
        Assert.True(result.ExitCode == 0 && result.DecodedSeconds >= 4.5, $"ffmpeg exit {result.ExitCode}, {result.DecodedSeconds} s: {result.Errors}");
        Assert.True(stalled.Connected);
    }

    private static Task WhenAnyStreamCarries(RunningSilo silo, string agentId, long bytes)
    {
        var carried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.Services.GetRequiredService<AgentSessionHost>().TrafficReported += (id, traffic) =>
        {
            if (id == agentId && traffic.OpenStreams.Any(s => s.BytesFromAgent >= bytes))
            {
                carried.TrySetResult();
            }
        };
        return carried.Task;
    }

    private static Task WhenStreamStuck(RunningSilo silo, string agentId)
    {
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = new Dictionary<long, long>();
        silo.Services.GetRequiredService<AgentSessionHost>().TrafficReported += (id, traffic) =>
        {
            if (id != agentId)
            {
                return;
            }
            lock (last)
            {
                foreach (var stream in traffic.OpenStreams)
                {
                    if (stream.BytesFromAgent > 1 << 20 && last.TryGetValue(stream.StreamId, out var previous) && previous == stream.BytesFromAgent)
                    {
                        stuck.TrySetResult();
                    }
                    last[stream.StreamId] = stream.BytesFromAgent;
                }
            }
        };
        return stuck.Task;
    }

    [Fact]
    public async Task Deleting_the_agent_closes_its_port_and_the_agent_stops_dialling()
    {
        await using var silo = await RunningSilo.StartAsync();
        var (id, token, _, port) = await ProvisionAsync(silo, "cam-delete", 554);
        var online = WhenOnline(silo, id);
        await using var agent = AgentProcess.Start(silo.Gateway, id, token, "rtsp=127.0.0.1:554");
        await online.WaitAsync(Within(30));

        using var delete = await silo.Client.DeleteAsync($"api/agents/{id}", Within(10));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, Within(10));
        });
        // GOAWAY REVOKED: the agent exits rather than hammering the server with a dead token.
        Assert.Equal(3, await agent.WaitForExitAsync(Within(30)));
    }

    private static Task WhenOnline(RunningSilo silo, string agentId)
    {
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        silo.Services.GetRequiredService<AgentSessionHost>().SessionStarted += (id, _) =>
        {
            if (id == agentId)
            {
                online.TrySetResult();
            }
        };
        return online.Task;
    }

    private static async Task<(string Id, string Token, string Url, int Port)> ProvisionAsync(RunningSilo silo, string id, int cameraPort)
    {
        var agent = await ProvisionedAgent.CreateAsync(silo.Client, id, "rtsp", cameraPort, RtspCameraProcess.Path, Within(10));
        return (agent.Id, agent.Token, agent.Url!, agent.Port);
    }

    /// <summary>DESCRIBE, SETUP (TCP interleaved) and PLAY by hand, then stop reading.</summary>
    private static async Task<TcpClient> StartPlayingAndStallAsync(int port)
    {
        var client = new TcpClient();
        client.ReceiveBufferSize = 4096;
        await client.ConnectAsync(IPAddress.Loopback, port, Within(10));
        var stream = client.GetStream();
        var baseUrl = $"rtsp://127.0.0.1:{port}{RtspCameraProcess.Path}";
        var describe = await RequestAsync(stream, $"DESCRIBE {baseUrl} RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n\r\n");
        var control = describe.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("a=control:", StringComparison.Ordinal) && !l.EndsWith('*'))["a=control:".Length..];
        // RFC 2326 C.1.1: a relative control is resolved against Content-Base (GStreamer sends one ending in '/').
        var contentBase = describe.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Base:", StringComparison.OrdinalIgnoreCase))?["Content-Base:".Length..].Trim() ?? baseUrl + "/";
        var trackUrl = control.StartsWith("rtsp://", StringComparison.Ordinal) ? control : contentBase + control;
        var setup = await RequestAsync(stream, $"SETUP {trackUrl} RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n");
        var session = setup.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("Session:", StringComparison.OrdinalIgnoreCase))["Session:".Length..].Split(';')[0].Trim();
        // The aggregate control is "*": PLAY addresses the Content-Base. Its answer is read; then nothing more is.
        await RequestAsync(stream, $"PLAY {contentBase} RTSP/1.0\r\nCSeq: 3\r\nSession: {session}\r\n\r\n");
        return client;
    }

    private static async Task<string> RequestAsync(NetworkStream stream, string request)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Within(10));
        var response = new StringBuilder();
        var buffer = new byte[1];
        // Headers, then Content-Length bytes of body.
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, Within(10)) == 0)
            {
                throw new IOException("the RTSP server closed");
            }
            response.Append((char)buffer[0]);
        }
        var lengthLine = response.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null)
        {
            var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, Within(10));
            response.Append(Encoding.ASCII.GetString(body));
        }
        Assert.StartsWith("RTSP/1.0 200", response.ToString());
        return response.ToString();
    }
}
