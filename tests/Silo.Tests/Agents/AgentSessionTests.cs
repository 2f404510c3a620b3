using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using CameraCloud.Codecs.Tunnel;
using CameraCloud.Edge.Agents;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>A running node with in-test agents on the real mux: streams through gateway ports, eviction, isolation, traffic, control, revocation.</summary>
public sealed class AgentSessionTests
{
    [Fact]
    public async Task Bytes_round_trip_through_a_gateway_port_to_the_agents_target()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        using var signals = Signals(silo);
        var (token, port) = await ProvisionAsync(silo, "cam", echo);
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        await signals.StartedAsync("cam", 1, Timeouts.Short);

        using var client = await Loopback.ConnectAsync(port, Timeouts.Short);
        var payload = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(payload);
        var echoed = await Loopback.EchoAsync(client, payload, Timeouts.Long);
        Assert.Equal(payload, echoed);

        // The agent's targets match the registry's: nothing was pushed.
        Assert.Empty(agent.Controls);
        var info = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/cam", Timeouts.Short);
        Assert.True(info.GetProperty("online").GetBoolean());
        Assert.Equal("test-1.0", info.GetProperty("version").GetString());
        Assert.Equal("192.168.1.64", info.GetProperty("localIp").GetString());
    }

    [Fact]
    public async Task The_newest_connection_evicts_the_older_one()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        using var signals = Signals(silo);
        var (token, port) = await ProvisionAsync(silo, "cam", echo);
        await using var first = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        await signals.StartedAsync("cam", 1, Timeouts.Short);

        await using var second = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        var end = await first.Run.WaitAsync(Timeouts.Short);
        Assert.Equal(TunnelErrorCode.Evicted, end.Code);
        Assert.True(end.ByPeer);
        await signals.StartedAsync("cam", 2, Timeouts.Short);
        await signals.EndedAsync("cam", 1, Timeouts.Short);

        Assert.False(second.Run.IsCompleted);
        using var client = await Loopback.ConnectAsync(port, Timeouts.Short);
        Assert.Equal([1, 2, 3], await Loopback.EchoAsync(client, [1, 2, 3], Timeouts.Short));
        var info = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/cam", Timeouts.Short);
        Assert.True(info.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Malformed_frames_end_only_that_agents_session()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        using var signals = Signals(silo);
        var (badToken, _) = await ProvisionAsync(silo, "bad", echo);
        var (goodToken, goodPort) = await ProvisionAsync(silo, "good", echo);
        await using var good = await TestAgent.ConnectAsync(silo, "good", goodToken, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        await signals.StartedAsync("good", 1, Timeouts.Short);

        // "bad" completes the handshake by hand, then sends a frame of version 9.
        using var raw = new ClientWebSocket();
        raw.Options.AddSubProtocol("cameracloud-tunnel.v1");
        raw.Options.SetRequestHeader("Authorization", AgentAuthTests.Basic("bad", badToken).ToString());
        await raw.ConnectAsync(AgentAuthTests.AgentUri(silo), Timeouts.Short);
        var hello = new ArrayBufferWriter<byte>();
        TunnelFrameWriter.WriteJson(hello, TunnelFrameType.Hello, 0,
            new AgentHelloMessage("bad", "1", null, null, null, [new TargetMessage("rtsp", "127.0.0.1", echo.EndPoint.Port)]),
            TunnelJsonContext.Default.AgentHelloMessage);
        await raw.SendAsync(hello.WrittenMemory, WebSocketMessageType.Binary, true, Timeouts.Short);
        Assert.Equal(TunnelFrameType.Welcome, (await ReceiveFrameAsync(raw)).Type);
        await signals.StartedAsync("bad", 1, Timeouts.Short);

        byte[] garbage = [9, (byte)TunnelFrameType.Ping, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8];
        await raw.SendAsync(garbage, WebSocketMessageType.Binary, true, Timeouts.Short);

        // Frames may still be in flight (a PING); the last thing before the close is GOAWAY PROTOCOL_ERROR.
        (TunnelFrameType Type, byte[] Payload) frame;
        do
        {
            frame = await ReceiveFrameAsync(raw);
        }
        while (frame.Type != TunnelFrameType.GoAway);
        Assert.Equal((ushort)TunnelErrorCode.ProtocolError, (ushort)(frame.Payload[0] << 8 | frame.Payload[1]));
        await signals.EndedAsync("bad", 1, Timeouts.Short);

        Assert.False(good.Run.IsCompleted);
        using var client = await Loopback.ConnectAsync(goodPort, Timeouts.Short);
        Assert.Equal([7, 7, 7], await Loopback.EchoAsync(client, [7, 7, 7], Timeouts.Short));
        var bad = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/bad", Timeouts.Short);
        Assert.False(bad.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Traffic_counters_are_visible_while_a_stream_is_open()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync("--Tunnel:TrafficReportInterval=00:00:00.200");
        using var signals = Signals(silo);
        var (token, port) = await ProvisionAsync(silo, "cam", echo);
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        await signals.StartedAsync("cam", 1, Timeouts.Short);

        using var client = await Loopback.ConnectAsync(port, Timeouts.Short);
        var payload = new byte[200_000];
        await Loopback.EchoAsync(client, payload, Timeouts.Short);
        await signals.TrafficAsync("cam", t => t.OpenStreams.Count == 1 && t.BytesToAgent >= payload.Length && t.BytesFromAgent >= payload.Length, Timeouts.Short);

        // The stream is still open: the API shows it with its bytes.
        var info = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/cam", Timeouts.Short);
        var traffic = info.GetProperty("traffic");
        Assert.Equal(payload.Length, traffic.GetProperty("bytesToAgent").GetInt64());
        Assert.Equal(payload.Length, traffic.GetProperty("bytesFromAgent").GetInt64());
        Assert.Equal(1, traffic.GetProperty("streamsOpened").GetInt64());
        var stream = Assert.Single(traffic.GetProperty("openStreams").EnumerateArray());
        Assert.Equal("rtsp", stream.GetProperty("target").GetString());
        Assert.Equal(client.LocalEndPoint!.ToString(), stream.GetProperty("client").GetString());
        Assert.Equal(payload.Length, stream.GetProperty("bytesToAgent").GetInt64());

        // Closed: the totals stay, the open stream goes.
        client.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        Assert.True(await Loopback.ClosedByPeerAsync(client, Timeouts.Short));
        await signals.TrafficAsync("cam", t => t.OpenStreams.Count == 0, Timeouts.Short);
        var after = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/cam", Timeouts.Short);
        Assert.Empty(after.GetProperty("traffic").GetProperty("openStreams").EnumerateArray());
        Assert.Equal(payload.Length, after.GetProperty("traffic").GetProperty("bytesToAgent").GetInt64());
    }

    [Fact]
    public async Task Control_reaches_the_agent_and_a_silent_agent_gets_504()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync("--Tunnel:ControlTimeout=00:00:00.500");
        using var signals = Signals(silo);
        var (token, _) = await ProvisionAsync(silo, "cam", echo);
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        await signals.StartedAsync("cam", 1, Timeouts.Short);

        using var status = await silo.Client.PostAsJsonAsync("api/agents/cam/control", new { command = "get-status" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var result = await status.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        Assert.True(result.GetProperty("ok").GetBoolean());
        Assert.Equal(42, result.GetProperty("status").GetProperty("uptimeSeconds").GetInt32());
        Assert.Equal("get-status", Assert.Single(agent.Controls).Command);

        var never = new TaskCompletionSource<ControlResultMessage>();
        agent.OnControl = (_, _) => never.Task;
        using var silent = await silo.Client.PostAsJsonAsync("api/agents/cam/control", new { command = "reconnect" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.GatewayTimeout, silent.StatusCode);
        Assert.Equal("application/problem+json", silent.Content.Headers.ContentType?.MediaType);
        never.SetResult(new ControlResultMessage(0, true));
    }

    [Fact]
    public async Task Targets_that_differ_from_the_registry_are_replaced_by_update_config()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        var (token, _) = await ProvisionAsync(silo, "cam", echo);
        var elsewhere = new IPEndPoint(IPAddress.Loopback, 9);
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(elsewhere), Timeouts.Short);

        var pushed = await agent.FirstControl.Task.WaitAsync(Timeouts.Short);
        Assert.Equal("update-config", pushed.Command);
        var target = Assert.Single(pushed.Targets!);
        Assert.Equal(("rtsp", "127.0.0.1", echo.EndPoint.Port), (target.Name, target.Host, target.Port));
    }

    [Fact]
    public async Task A_hello_for_another_agent_id_gets_GOAWAY_PROTOCOL_ERROR()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        var (token, _) = await ProvisionAsync(silo, "cam", echo);
        await ProvisionAsync(silo, "other", echo);
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short, helloAgentId: "other");

        var end = await agent.Run.WaitAsync(Timeouts.Short);
        Assert.Equal(TunnelErrorCode.ProtocolError, end.Code);
        var other = await silo.Client.GetFromJsonAsync<JsonElement>("api/agents/other", Timeouts.Short);
        Assert.False(other.GetProperty("online").GetBoolean());
    }

    [Fact]
    public async Task Delete_revokes_the_session_closes_the_ports_connections_and_the_token()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        using var signals = Signals(silo);
        var (token, port) = await ProvisionAsync(silo, "cam", echo);
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
        await signals.StartedAsync("cam", 1, Timeouts.Short);
        using var client = await Loopback.ConnectAsync(port, Timeouts.Short);
        Assert.Equal([5], await Loopback.EchoAsync(client, [5], Timeouts.Short));

        using var deleted = await silo.Client.DeleteAsync("api/agents/cam", Timeouts.Short);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        Assert.True(await Loopback.ClosedByPeerAsync(client, Timeouts.Short));
        Assert.True(await PortProbe.IsRefusedAsync(port, Timeouts.Short));
        var end = await agent.Run.WaitAsync(Timeouts.Short);
        Assert.Equal(TunnelErrorCode.Revoked, end.Code);

        using var again = new ClientWebSocket();
        again.Options.CollectHttpResponseDetails = true;
        again.Options.AddSubProtocol("cameracloud-tunnel.v1");
        again.Options.SetRequestHeader("Authorization", AgentAuthTests.Basic("cam", token).ToString());
        await Assert.ThrowsAsync<WebSocketException>(() => again.ConnectAsync(AgentAuthTests.AgentUri(silo), Timeouts.Short));
        Assert.Equal(HttpStatusCode.Unauthorized, again.HttpStatusCode);
    }

    [Fact]
    public async Task An_unreachable_target_closes_the_client_and_the_agent_stays()
    {
        await using var echo = new EchoServer();
        await using var silo = await RunningSilo.StartAsync();
        using var signals = Signals(silo);
        var (token, port) = await ProvisionAsync(silo, "cam", echo);
        var gone = echo.EndPoint;
        await echo.DisposeAsync();
        await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(gone), Timeouts.Short);
        await signals.StartedAsync("cam", 1, Timeouts.Short);

        Assert.True(await PortProbe.IsAcceptedThenClosedAsync(port, Timeouts.Short));
        Assert.False(agent.Run.IsCompleted);
    }

    [Fact]
    public async Task Stopping_the_node_sends_GOAWAY_SHUTDOWN_and_records_the_agent_offline()
    {
        await using var echo = new EchoServer();
        string dataPath;
        string[] sameRange;
        await using (var silo = await RunningSilo.StartAsync())
        {
            silo.KeepData = true;
            dataPath = silo.DataPath;
            sameRange = silo.SameTunnelPortsArgs;
            using var signals = Signals(silo);
            var (token, _) = await ProvisionAsync(silo, "cam", echo);
            await using var agent = await TestAgent.ConnectAsync(silo, "cam", token, TestAgent.RtspTo(echo.EndPoint), Timeouts.Short);
            await signals.StartedAsync("cam", 1, Timeouts.Short);

            await silo.StopAsync().WaitAsync(Timeouts.Long);
            var end = await agent.Run.WaitAsync(Timeouts.Short);
            Assert.Equal(TunnelErrorCode.Shutdown, end.Code);
            Assert.True(end.ByPeer);
            await signals.EndedAsync("cam", 1, Timeouts.Short);
        }

        await using var restarted = await RunningSilo.StartOnDataAsync(dataPath, sameRange);
        var info = await restarted.Client.GetFromJsonAsync<JsonElement>("api/agents/cam", Timeouts.Short);
        Assert.False(info.GetProperty("online").GetBoolean());
        Assert.Equal(JsonValueKind.String, info.GetProperty("lastSeen").ValueKind);
        Assert.Equal("test-1.0", info.GetProperty("version").GetString());
    }

    private static SessionSignals Signals(RunningSilo silo) => new(silo.Services.GetRequiredService<AgentSessionHost>());

    private static async Task<(string Token, int Port)> ProvisionAsync(RunningSilo silo, string id, EchoServer echo)
    {
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new
        {
            id,
            targets = new object[] { new { name = "rtsp", host = "127.0.0.1", port = echo.EndPoint.Port } },
        }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        return (body.GetProperty("token").GetString()!, body.GetProperty("agent").GetProperty("targets")[0].GetProperty("gatewayPort").GetInt32());
    }

    private static async Task<(TunnelFrameType Type, byte[] Payload)> ReceiveFrameAsync(ClientWebSocket socket)
    {
        var buffer = new byte[TunnelLimits.MaxMessageSize];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), Timeouts.Short);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        Assert.Equal(TunnelParseStatus.Frame, TunnelFrameParser.TryParse(buffer.AsSpan(0, length), out var header, out var payload, out var error));
        Assert.Null(error);
        return (header.Type, payload.ToArray());
    }
}
