using CameraCloud.Edge.V720;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>The §5.2 start sequence as the camera sees it on the control connection.</summary>
public sealed class V720ControlSessionStartTests
{
    private const int TcpPort = 16123;

    [Fact]
    public async Task A_start_sends_code_11_towards_the_public_host_and_the_tcp_port()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync(o => o.TcpPort = TcpPort);

        await harness.Session.StartStreamAsync(CancellationToken.None);

        var nat = await harness.Camera.ReceiveJsonAsync();
        Assert.Equal(11, nat.GetProperty("code").GetInt32());
        Assert.Equal("203.0.113.7", nat.GetProperty("cliNatIp").GetString());
        Assert.Equal(TcpPort, nat.GetProperty("cliNatPort").GetInt32());
        // §5.2 step 1: an unreachable cliIp sends the camera's probes to cliNat* only.
        Assert.Equal("255.255.255.255", nat.GetProperty("cliIp").GetString());
        Assert.Equal(0, nat.GetProperty("cliPort").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", nat.GetProperty("cliTarget").GetString());
        Assert.Equal(8, nat.GetProperty("cliToken").GetString()!.Length);
        Assert.Equal(V720StreamPhase.AwaitingProbe, harness.Session.Phase);
    }

    [Fact]
    public async Task The_first_probe_sends_53_then_298_then_4_with_the_clock_seconds_and_a_second_probe_nothing()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        await harness.Session.StartStreamAsync(CancellationToken.None);
        string target = (await harness.Camera.ReceiveJsonAsync()).GetProperty("cliTarget").GetString()!;
        // The manual clock reads 2025-01-01 plus a fraction (unixTimer is whole seconds), well inside the idle limit.
        harness.Clock.Advance(TimeSpan.FromSeconds(17.75));
        long expectedSeconds = harness.Clock.GetUtcNow().ToUnixTimeSeconds();

        harness.Session.OnProbeResponse();

        var status = await harness.Camera.ReceiveJsonAsync();
        Assert.Equal("""{"code":53,"status":1}""", status.GetRawText());
        Assert.Equal(target, await harness.Camera.ReceiveForwardAsync("""{"code":298}"""));
        Assert.Equal(target, await harness.Camera.ReceiveForwardAsync($$"""{"code":4,"unixTimer":{{expectedSeconds}}}"""));
        Assert.Equal(V720StreamPhase.AwaitingBaseInfo, harness.Session.Phase);

        harness.Session.OnProbeResponse();

        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
    }

    [Fact]
    public async Task The_base_info_answer_sends_301_3_exactly_once_and_reaches_the_grain()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        await harness.Session.StartStreamAsync(CancellationToken.None);
        string target = (await harness.Camera.ReceiveJsonAsync()).GetProperty("cliTarget").GetString()!;
        harness.Session.OnProbeResponse();
        for (int i = 0; i < 3; i++)
        {
            await harness.Camera.ReceiveAsync();
        }

        await harness.Camera.SendBaseInfoAsync(target);
        await harness.Camera.SendBaseInfoAsync(target);

        Assert.Equal(target, await harness.Camera.ReceiveForwardAsync("""{"code":3}"""));
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        Assert.Equal(V720StreamPhase.Started, harness.Session.Phase);
        var info = await harness.GetCameraAsync();
        Assert.Equal("202212011602", info!.Firmware);
        Assert.Equal(100, info.BaseInfo!.Value.GetProperty("devPower").GetInt32());
    }

    [Fact]
    public async Task A_base_info_answer_in_loose_json_is_handled_like_a_strict_one()
    {
        await using var harness = await ControlSessionHarness.StartRegisteredAsync();
        await harness.Session.StartStreamAsync(CancellationToken.None);
        string target = (await harness.Camera.ReceiveJsonAsync()).GetProperty("cliTarget").GetString()!;
        harness.Session.OnProbeResponse();
        for (int i = 0; i < 3; i++)
        {
            await harness.Camera.ReceiveAsync();
        }

        // §3.1: camera JSON is hand-formatted and parsed leniently; a trailing comma inside content included.
        await harness.Camera.SendJsonAsync($$"""{"code": 301, "target": "{{target}}", "content": {"code": 4, "devPower": 90, "version": "202412061749",} }""");

        Assert.Equal(target, await harness.Camera.ReceiveForwardAsync("""{"code":3}"""));
        await harness.Camera.ExpectNothingBeforeHeartbeatReplyAsync();
        var info = await harness.GetCameraAsync();
        Assert.Equal("202412061749", info!.Firmware);
        Assert.Equal(90, info.BaseInfo!.Value.GetProperty("devPower").GetInt32());
    }
}
