using System.Text.Json;
using CameraCloud.Agents;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>The live side of the tunnel grain, driven with fake links: connect, evict, traffic, disconnect, control, delete.</summary>
public sealed class TunnelGrainSessionTests : IDisposable
{
    private static readonly IReadOnlyList<AgentTarget> HelloTargets = [new("rtsp", "127.0.0.1", 554)];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Connect_records_the_session_and_returns_the_registrys_targets()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        IReadOnlyList<AgentTarget> registry = [new("rtsp", "192.168.1.64", 554, "/live")];
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest("Porch", registry), default));

        var targets = await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), new FakeAgentLink(1), default));

        Assert.Equal(registry, targets);
        var info = await Wait.For(silo.Agent("a").GetInfoAsync(default));
        Assert.True(info!.Online);
        Assert.Equal("203.0.113.7:50000", info.ConnectedFrom);
        Assert.Equal("1.2.3", info.Version);
        Assert.Equal("dahua", info.Model);
        Assert.Equal("10.0.0.5", info.LocalIp);
        Assert.Equal(silo.Time.GetUtcNow(), info.LastSeen);
    }

    [Fact]
    public async Task Connecting_an_unknown_agent_is_refused()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Assert.ThrowsAsync<AgentNotFoundException>(() => Wait.For(silo.Agent("ghost").AgentConnectedAsync(Hello("10.0.0.5"), new FakeAgentLink(1), default)));
    }

    [Fact]
    public async Task The_newest_link_wins_and_the_older_one_is_closed_as_evicted()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var old = new FakeAgentLink(1, "198.51.100.1:1000");
        var newer = new FakeAgentLink(2, "198.51.100.2:2000");

        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), old, default));
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), newer, default));

        var (reason, _) = await Wait.For(old.Closed.Task);
        Assert.Equal(AgentCloseReason.Evicted, reason);
        Assert.False(newer.Closed.Task.IsCompleted);

        // The old link's late disconnect does not take the new one offline.
        await Wait.For(silo.Agent("a").AgentDisconnectedAsync(old.LinkId, "evicted", default));
        Assert.True((await Wait.For(silo.Agent("a").GetInfoAsync(default)))!.Online);
        await Wait.For(silo.Agent("a").AgentDisconnectedAsync(newer.LinkId, "closed by the agent", default));
        Assert.False((await Wait.For(silo.Agent("a").GetInfoAsync(default)))!.Online);
    }

    [Fact]
    public async Task Local_ip_history_keeps_the_last_ten_distinct_newest_first()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        string[] sequence = ["10.0.0.1", "10.0.0.2", "10.0.0.1", .. Enumerable.Range(3, 10).Select(i => $"10.0.0.{i}"), "10.0.0.5"];
        for (var i = 0; i < sequence.Length; i++)
        {
            await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello(sequence[i]), new FakeAgentLink(i + 1), default));
        }
        // A HELLO without a usable address leaves the history alone.
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("not an address"), new FakeAgentLink(100), default));

        var info = await Wait.For(silo.Agent("a").GetInfoAsync(default));
        Assert.Equal(
            ["10.0.0.5", "10.0.0.12", "10.0.0.11", "10.0.0.10", "10.0.0.9", "10.0.0.8", "10.0.0.7", "10.0.0.6", "10.0.0.4", "10.0.0.3"],
            info!.LocalIpHistory);
    }

    [Fact]
    public async Task Traffic_is_shown_as_reported_but_written_only_on_connect_and_disconnect()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var link = new FakeAgentLink(7);
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), link, default));
        var afterConnect = await Wait.For(silo.Storage.ReadAsync("tunnel", "a", "agent", default));

        silo.Time.Advance(TimeSpan.FromSeconds(2));
        var stream = new AgentStreamTraffic(1, "rtsp", "192.0.2.9:40000", silo.Time.GetUtcNow(), 1000, 250_000);
        await Wait.For(silo.Agent("a").TrafficReportedAsync(link.LinkId, new AgentTraffic(1000, 250_000, 1, [stream]), default));
        // A report from a link that is not the current one is ignored.
        await Wait.For(silo.Agent("a").TrafficReportedAsync(99, new AgentTraffic(5, 5, 5, []), default));

        var info = await Wait.For(silo.Agent("a").GetInfoAsync(default));
        Assert.Equal(250_000, info!.Traffic.BytesFromAgent);
        Assert.Equal(stream, Assert.Single(info.Traffic.OpenStreams));
        Assert.Equal(silo.Time.GetUtcNow(), info.LastSeen);
        var afterReport = await Wait.For(silo.Storage.ReadAsync("tunnel", "a", "agent", default));
        Assert.Equal(afterConnect!.Etag, afterReport!.Etag);

        silo.Time.Advance(TimeSpan.FromSeconds(3));
        await Wait.For(silo.Agent("a").AgentDisconnectedAsync(link.LinkId, "closed by the agent", default));
        var afterDisconnect = await Wait.For(silo.Storage.ReadAsync("tunnel", "a", "agent", default));
        using var stored = JsonDocument.Parse(afterDisconnect!.Data);
        Assert.Equal(250_000, stored.RootElement.GetProperty("traffic").GetProperty("bytesFromAgent").GetInt64());
        Assert.Equal(silo.Time.GetUtcNow(), stored.RootElement.GetProperty("lastSeen").GetDateTimeOffset());

        var offline = await Wait.For(silo.Agent("a").GetInfoAsync(default));
        Assert.False(offline!.Online);
        Assert.Empty(offline.Traffic.OpenStreams);
        Assert.Equal(250_000, offline.Traffic.BytesFromAgent);
    }

    [Fact]
    public async Task Control_goes_to_the_link_and_an_offline_agent_is_refused()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        await Assert.ThrowsAsync<AgentOfflineException>(() => Wait.For(silo.Agent("a").ControlAsync(new AgentControlCommand("get-status"), default)));
        await Assert.ThrowsAsync<AgentNotFoundException>(() => Wait.For(silo.Agent("nobody").ControlAsync(new AgentControlCommand("get-status"), default)));

        var link = new FakeAgentLink(1) { Answer = new AgentControlResult(true, null, JsonSerializer.SerializeToElement(new { uptimeSeconds = 5 })) };
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), link, default));
        var result = await Wait.For(silo.Agent("a").ControlAsync(new AgentControlCommand("get-status"), default));
        Assert.True(result.Ok);
        Assert.Equal(5, result.Status!.Value.GetProperty("uptimeSeconds").GetInt32());
        Assert.Equal("get-status", Assert.Single(link.Controls).Command);
    }

    [Fact]
    public async Task Update_config_control_without_targets_pushes_the_saved_ones_and_with_targets_saves_them_first()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var link = new FakeAgentLink(1);
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), link, default));

        await Wait.For(silo.Agent("a").ControlAsync(new AgentControlCommand("update-config"), default));
        Assert.Equal(AgentTargets.Default, link.Controls[0].Targets);

        IReadOnlyList<AgentTarget> changed = [new("rtsp", "192.168.1.64", 554), new("http", "192.168.1.64", 80)];
        await Wait.For(silo.Agent("a").ControlAsync(new AgentControlCommand("update-config", changed), default));
        Assert.Equal(changed, link.Controls[1].Targets);
        var info = await Wait.For(silo.Agent("a").GetInfoAsync(default));
        Assert.Equal(["rtsp", "http"], info!.Targets.Select(t => t.Name));
        Assert.All(info.Targets, t => Assert.True(t.GatewayPort > 0));
    }

    [Fact]
    public async Task Changing_targets_pushes_them_to_a_connected_agent()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var link = new FakeAgentLink(1);
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), link, default));

        // A name change alone, or a path change, is not the agent's business.
        await Wait.For(silo.Agent("a").UpdateAsync(new AgentUpdate("New name", null), default));
        await Wait.For(silo.Agent("a").UpdateAsync(new AgentUpdate(null, [new("rtsp", "127.0.0.1", 554, "/x")]), default));
        Assert.Empty(link.Controls);

        await Wait.For(silo.Agent("a").UpdateAsync(new AgentUpdate(null, [new("rtsp", "192.168.1.64", 554, "/x")]), default));
        var pushed = Assert.Single(link.Controls);
        Assert.Equal("update-config", pushed.Command);
        Assert.Equal("192.168.1.64", Assert.Single(pushed.Targets!).Host);
    }

    [Fact]
    public async Task Delete_revokes_the_connected_link()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var link = new FakeAgentLink(1);
        await Wait.For(silo.Agent("a").AgentConnectedAsync(Hello("10.0.0.5"), link, default));

        Assert.True(await Wait.For(silo.Agent("a").DeleteAsync(default)));

        var (reason, _) = await Wait.For(link.Closed.Task);
        Assert.Equal(AgentCloseReason.Revoked, reason);
        Assert.Null(await Wait.For(silo.Storage.ReadAsync("tunnel", "a", "agent", default)));
        Assert.Empty(await Wait.For(silo.Index.ListPortsAsync(default)));
    }

    private static AgentHelloInfo Hello(string localIp) =>
        new("1.2.3", "dahua", localIp, "ipc", HelloTargets, "203.0.113.7:50000");
}
