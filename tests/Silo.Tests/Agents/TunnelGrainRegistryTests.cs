using System.Text;
using CameraCloud.Agents;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>Provisioning, tokens, ports and deletion on the real runtime over a data folder.</summary>
public sealed class TunnelGrainRegistryTests : IDisposable
{
    private static readonly AgentProvisionRequest RtspAndHttp = new("Porch",
        [new AgentTarget("rtsp", "127.0.0.1", 554, "/cam/realmonitor?channel=1&subtype=0"), new AgentTarget("http", "127.0.0.1", 80)]);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Provision_returns_the_token_once_and_stores_only_a_salted_hash()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        var provisioned = await Wait.For(silo.Agent("cam-porch").ProvisionAsync(RtspAndHttp, default));

        Assert.Equal("cam-porch", provisioned.Id);
        Assert.Equal(43, provisioned.Token.Length); // 32 bytes, base64url without padding
        Assert.DoesNotContain(provisioned.Token, c => c is '+' or '/' or '=');

        // The record holds a salt and a hash, neither of which is the token.
        var record = await Wait.For(silo.Storage.ReadAsync("tunnel", "cam-porch", "agent", default));
        var stored = Encoding.UTF8.GetString(record!.Data.Span);
        Assert.DoesNotContain(provisioned.Token, stored, StringComparison.Ordinal);
        Assert.Contains("\"tokenHash\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"tokenSalt\"", stored, StringComparison.Ordinal);

        // The token is not shown again: not in the info, and a second provisioning of the id is refused.
        var info = await Wait.For(silo.Agent("cam-porch").GetInfoAsync(default));
        Assert.DoesNotContain(provisioned.Token, info!.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<AgentIdTakenException>(() => Wait.For(silo.Agent("cam-porch").ProvisionAsync(RtspAndHttp, default)));
    }

    [Fact]
    public async Task Two_agents_get_different_tokens_and_different_salts()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        var a = await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var b = await Wait.For(silo.Agent("b").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        Assert.NotEqual(a.Token, b.Token);
        var saltA = await ReadSaltAsync(silo, "a");
        var saltB = await ReadSaltAsync(silo, "b");
        Assert.NotEqual(saltA, saltB);
    }

    [Fact]
    public async Task Authenticate_accepts_the_token_and_refuses_anything_else()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        var a = await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var b = await Wait.For(silo.Agent("b").ProvisionAsync(new AgentProvisionRequest(null, null), default));

        Assert.True(await Wait.For(silo.Agent("a").AuthenticateAsync(a.Token, default)));
        Assert.False(await Wait.For(silo.Agent("a").AuthenticateAsync(b.Token, default)));
        Assert.False(await Wait.For(silo.Agent("a").AuthenticateAsync(a.Token[..^1], default)));
        Assert.False(await Wait.For(silo.Agent("a").AuthenticateAsync(string.Empty, default)));
        Assert.False(await Wait.For(silo.Agent("a").AuthenticateAsync(new string('x', 10_000), default)));
        Assert.False(await Wait.For(silo.Agent("unknown").AuthenticateAsync(a.Token, default)));
    }

    [Fact]
    public async Task Default_target_is_rtsp_to_the_cameras_own_554()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        var provisioned = await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var target = Assert.Single(provisioned.Agent.Targets);
        Assert.Equal(("rtsp", "127.0.0.1", 554, 20000), (target.Name, target.Host, target.Port, target.GatewayPort));
    }

    [Fact]
    public async Task Ports_and_tokens_survive_a_restart_over_the_same_data_folder()
    {
        AgentProvisioned first, second;
        IReadOnlyList<TunnelPortAssignment> before;
        await using (var silo = TunnelTestSilo.Create(_folder.Path))
        {
            first = await Wait.For(silo.Agent("a").ProvisionAsync(RtspAndHttp, default));
            second = await Wait.For(silo.Agent("b").ProvisionAsync(RtspAndHttp, default));
            before = await Wait.For(silo.Index.ListPortsAsync(default));
        }
        Assert.Equal([20000, 20001, 20002, 20003], before.Select(p => p.Port));

        await using (var restarted = TunnelTestSilo.Create(_folder.Path))
        {
            Assert.Equal(before, await Wait.For(restarted.Index.ListPortsAsync(default)));
            var a = await Wait.For(restarted.Agent("a").GetInfoAsync(default));
            var b = await Wait.For(restarted.Agent("b").GetInfoAsync(default));
            Assert.Equal(first.Agent.Targets.Select(t => t.GatewayPort), a!.Targets.Select(t => t.GatewayPort));
            Assert.Equal(second.Agent.Targets.Select(t => t.GatewayPort), b!.Targets.Select(t => t.GatewayPort));
            Assert.True(await Wait.For(restarted.Agent("a").AuthenticateAsync(first.Token, default)));
            Assert.Equal(["a", "b"], await Wait.For(restarted.Index.ListAsync(0, 10, default)));
        }
    }

    [Fact]
    public async Task Delete_frees_the_ports_and_the_next_agent_gets_them()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        var a = await Wait.For(silo.Agent("a").ProvisionAsync(RtspAndHttp, default));
        await Wait.For(silo.Agent("b").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var aPorts = a.Agent.Targets.Select(t => t.GatewayPort).ToArray();

        Assert.True(await Wait.For(silo.Agent("a").DeleteAsync(default)));
        Assert.False(await Wait.For(silo.Agent("a").DeleteAsync(default)));
        Assert.Null(await Wait.For(silo.Agent("a").GetInfoAsync(default)));
        Assert.False(await Wait.For(silo.Agent("a").AuthenticateAsync(a.Token, default)));
        Assert.DoesNotContain(await Wait.For(silo.Index.ListPortsAsync(default)), p => p.AgentId == "a");
        Assert.Equal(["b"], await Wait.For(silo.Index.ListAsync(0, 10, default)));

        var c = await Wait.For(silo.Agent("c").ProvisionAsync(RtspAndHttp, default));
        Assert.Equal(aPorts, c.Agent.Targets.Select(t => t.GatewayPort));
    }

    [Fact]
    public async Task An_exhausted_range_refuses_provisioning_and_changes_nothing()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path, portRange: "30000-30002");
        await Wait.For(silo.Agent("a").ProvisionAsync(RtspAndHttp, default));
        var before = await Wait.For(silo.Index.ListPortsAsync(default));

        var error = await Assert.ThrowsAsync<TunnelPortsExhaustedException>(() => Wait.For(silo.Agent("b").ProvisionAsync(RtspAndHttp, default)));
        Assert.Contains("30000-30002", error.Message, StringComparison.Ordinal);

        Assert.Equal(before, await Wait.For(silo.Index.ListPortsAsync(default)));
        Assert.Null(await Wait.For(silo.Agent("b").GetInfoAsync(default)));
        Assert.Equal(["a"], await Wait.For(silo.Index.ListAsync(0, 10, default)));

        // One port is left: a one-target agent fits.
        var c = await Wait.For(silo.Agent("c").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        Assert.Equal(30002, Assert.Single(c.Agent.Targets).GatewayPort);
    }

    [Fact]
    public async Task Changing_targets_keeps_the_ports_of_kept_names_and_frees_the_others()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path);
        var a = await Wait.For(silo.Agent("a").ProvisionAsync(RtspAndHttp, default));
        var rtspPort = a.Agent.Targets.Single(t => t.Name == "rtsp").GatewayPort;
        var httpPort = a.Agent.Targets.Single(t => t.Name == "http").GatewayPort;

        var updated = await Wait.For(silo.Agent("a").UpdateAsync(
            new AgentUpdate("Gate", [new AgentTarget("rtsp", "192.168.1.64", 554), new AgentTarget("rtsp-sub", "192.168.1.64", 554, "/sub")]), default));

        Assert.Equal("Gate", updated!.Name);
        Assert.Equal(rtspPort, updated.Targets.Single(t => t.Name == "rtsp").GatewayPort);
        var ports = await Wait.For(silo.Index.ListPortsAsync(default));
        Assert.DoesNotContain(ports, p => p.Port == httpPort);
        Assert.Equal(["rtsp", "rtsp-sub"], ports.Where(p => p.AgentId == "a").Select(p => p.Target).Order());
        var subPort = updated.Targets.Single(t => t.Name == "rtsp-sub").GatewayPort;
        Assert.NotEqual(rtspPort, subPort);

        // The freed port is the lowest free one again.
        var b = await Wait.For(silo.Agent("b").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        Assert.Equal(httpPort, Assert.Single(b.Agent.Targets).GatewayPort);

        Assert.Null(await Wait.For(silo.Agent("nobody").UpdateAsync(new AgentUpdate("x", null), default)));
    }

    [Fact]
    public async Task Changing_targets_beyond_the_range_keeps_the_old_targets_and_ports()
    {
        await using var silo = TunnelTestSilo.Create(_folder.Path, portRange: "30000-30001");
        await Wait.For(silo.Agent("a").ProvisionAsync(new AgentProvisionRequest(null, null), default));
        var before = await Wait.For(silo.Index.ListPortsAsync(default));

        await Assert.ThrowsAsync<TunnelPortsExhaustedException>(() => Wait.For(silo.Agent("a").UpdateAsync(
            new AgentUpdate(null, [new AgentTarget("rtsp", "127.0.0.1", 554), new AgentTarget("a", "h", 1), new AgentTarget("b", "h", 2)]), default)));

        Assert.Equal(before, await Wait.For(silo.Index.ListPortsAsync(default)));
        var info = await Wait.For(silo.Agent("a").GetInfoAsync(default));
        Assert.Equal("rtsp", Assert.Single(info!.Targets).Name);
    }

    private static async Task<string> ReadSaltAsync(TunnelTestSilo silo, string id)
    {
        var record = await Wait.For(silo.Storage.ReadAsync("tunnel", id, "agent", default));
        using var document = System.Text.Json.JsonDocument.Parse(record!.Data);
        return document.RootElement.GetProperty("tokenSalt").GetString()!;
    }
}
