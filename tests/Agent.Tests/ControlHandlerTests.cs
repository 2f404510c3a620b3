using System.Text.Json;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Connection;
using CameraCloud.Agent.Control;
using CameraCloud.Agent.Logging;
using CameraCloud.TestSupport;

namespace CameraCloud.Agent.Tests;

public sealed class ControlHandlerTests : IDisposable
{
    private const string ConfigText = """
        # CameraCloud Agent
        server = wss://cloud.example
        id = cam-porch
        token = porch-token-0123456789abcdef

        # what the cloud may reach
        target.rtsp = 127.0.0.1:554
        target.http = 127.0.0.1:80
        log-level = info

        """;

    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new();
    private readonly StringWriter _log = new();

    public void Dispose() => _dir.Dispose();

    private (ControlHandler Handler, AgentState State, SessionContext Session) Create(string? configFile = null)
    {
        var config = new AgentConfig(new Uri("wss://cloud.example/agent/connect"), "cam-porch", "porch-token-0123456789abcdef", "dahua-2449s-il",
            AgentLogLevel.Info, [new AgentTarget("rtsp", "127.0.0.1", 554), new AgentTarget("http", "127.0.0.1", 80)], configFile);
        var log = new AgentLog(_log, _time);
        var state = new AgentState(config, _time);
        var session = new SessionContext(state, state.Server, "192.168.1.64", log, _time, CancellationToken.None) { OpenStreams = () => 2 };
        return (new ControlHandler(state, log), state, session);
    }

    private string WriteConfig()
    {
        var path = _dir.File("cameracloud-agent.conf");
        File.WriteAllText(path, ConfigText);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Fact]
    public async Task Get_status_reports_uptime_version_address_streams_targets_and_server()
    {
        var (handler, _, session) = Create();
        _time.Advance(TimeSpan.FromSeconds(90));

        var reply = handler.Handle(new ControlCommand("get-status"), session);

        Assert.True(reply.Ok);
        var status = reply.Status!.Value;
        Assert.Equal(90, status.GetProperty("uptimeSeconds").GetInt64());
        Assert.Equal("1.0.0", status.GetProperty("version").GetString());
        Assert.Equal("192.168.1.64", status.GetProperty("localIp").GetString());
        Assert.Equal(2, status.GetProperty("openStreams").GetInt32());
        Assert.Equal("wss://cloud.example/agent/connect", status.GetProperty("server").GetString());
        var targets = status.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("name").GetString() + "=" + t.GetProperty("port").GetInt32()).ToArray();
        Assert.Equal(["rtsp=554", "http=80"], targets);
    }

    [Fact]
    public async Task Update_config_may_rename_and_leave_out_configured_services_and_refuses_any_other_host_or_port()
    {
        var path = WriteConfig();
        var (handler, state, session) = Create(path);
        // What an API caller would try: the camera's RTSP under another name, the cloud metadata address, another LAN host.
        AgentTarget[] asked = [new("live", "127.0.0.1", 554), new("metadata", "169.254.169.254", 80), new("nas", "192.168.1.20", 445),
            new("http", "127.0.0.1", 8080)];

        var reply = handler.Handle(new ControlCommand("update-config", asked), session);

        Assert.True(reply.Ok);
        Assert.Equal([new AgentTarget("live", "127.0.0.1", 554)], state.Targets.Current);
        Assert.Equal(asked[1..], state.Targets.Refused);
        var refused = reply.Status!.Value.GetProperty("refused").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["metadata", "nas", "http"], refused);
        Assert.Contains("WARN targets refused, not in this agent's configuration", _log.ToString(), StringComparison.Ordinal);
        // The configuration stays the authority: the file is not touched, so a later update-config can bring http back.
        Assert.Equal(ConfigText, await File.ReadAllTextAsync(path));
        var back = handler.Handle(new ControlCommand("update-config", [new AgentTarget("http", "127.0.0.1", 80)]), session);
        Assert.True(back.Ok);
        Assert.Equal([new AgentTarget("http", "127.0.0.1", 80)], state.Targets.Current);
        Assert.Empty(state.Targets.Refused);
    }

    [Fact]
    public async Task Get_status_lists_what_the_last_update_config_refused()
    {
        var (handler, _, session) = Create();
        handler.Handle(new ControlCommand("update-config", [new AgentTarget("rtsp", "10.0.0.9", 554)]), session);

        var status = handler.Handle(new ControlCommand("get-status"), session);

        Assert.Empty(status.Status!.Value.GetProperty("targets").EnumerateArray());
        Assert.Equal("10.0.0.9", status.Status.Value.GetProperty("refusedTargets")[0].GetProperty("host").GetString());
    }

    [Theory]
    [InlineData("rtsp", "127.0.0.1", 0, "port 0 is outside 1-65535")]
    [InlineData("RTSP", "127.0.0.1", 554, "may hold only a-z")]
    [InlineData("rtsp", "", 554, "the host is empty")]
    [InlineData("rtsp", "not a host", 554, "neither a host name nor an IP address")]
    public async Task Update_config_with_a_bad_target_is_refused_and_changes_nothing(string name, string host, int port, string expected)
    {
        var path = WriteConfig();
        var (handler, state, session) = Create(path);
        var before = state.Targets.Current;

        var reply = handler.Handle(new ControlCommand("update-config", [new AgentTarget(name, host, port)]), session);

        Assert.False(reply.Ok);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
        Assert.Same(before, state.Targets.Current);
        Assert.Equal(ConfigText, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Update_config_refuses_duplicates_an_empty_list_and_a_missing_list()
    {
        var (handler, _, session) = Create();

        var duplicate = handler.Handle(
            new ControlCommand("update-config", [new AgentTarget("rtsp", "h", 1), new AgentTarget("rtsp", "h", 2)]), session);
        var empty = handler.Handle(new ControlCommand("update-config", []), session);
        var missing = handler.Handle(new ControlCommand("update-config"), session);

        Assert.Equal("target 'rtsp' is given twice", duplicate.Error);
        Assert.StartsWith("no targets", empty.Error, StringComparison.Ordinal);
        Assert.Equal("update-config needs targets", missing.Error);
    }

    [Fact]
    public async Task Redirect_answers_then_switches_the_server_and_ends_the_session_after_the_grace()
    {
        var (handler, state, session) = Create();

        var reply = handler.Handle(new ControlCommand("redirect", Url: "wss://CLOUD.example:8443/v2/connect"), session);

        Assert.True(reply.Ok);
        Assert.Equal(new Uri("wss://cloud.example:8443/v2/connect"), state.Server);
        Assert.Equal(AgentAction.Redirect, session.Stop.Action);
        Assert.Equal(ControlHandler.ReplyGrace, await _time.NextOneShotAsync());
        _time.Advance(ControlHandler.ReplyGrace - TimeSpan.FromMilliseconds(1));
        Assert.False(session.Stop.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(session.Stop.Token.IsCancellationRequested);
    }

    [Theory]
    [InlineData(null, "redirect needs url")]
    [InlineData("http://other.example", "the scheme must be ws:// or wss://")]
    [InlineData("relative/path", "is not an absolute URL")]
    [InlineData("wss://attacker.example/agent/connect", "redirect to 'attacker.example' (wss) refused: the token goes only to the configured server's host 'cloud.example' over wss")]
    [InlineData("ws://cloud.example/agent/connect", "redirect to 'cloud.example' (ws) refused")]
    [InlineData("wss://cloud.example.attacker.example/", "refused")]
    public async Task Redirect_to_a_bad_url_is_refused_and_keeps_the_session(string? url, string expected)
    {
        var (handler, state, session) = Create();

        var reply = handler.Handle(new ControlCommand("redirect", Url: url), session);

        Assert.False(reply.Ok);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
        Assert.Equal(new Uri("wss://cloud.example/agent/connect"), state.Server);
        Assert.Equal(AgentAction.None, session.Stop.Action);
    }

    [Theory]
    [InlineData("restart", AgentAction.Restart)]
    [InlineData("reconnect", AgentAction.Reconnect)]
    public async Task Restart_and_reconnect_answer_first_and_end_the_session_after_the_grace(string command, AgentAction action)
    {
        var (handler, _, session) = Create();

        var reply = handler.Handle(new ControlCommand(command), session);

        Assert.True(reply.Ok);
        Assert.Equal(action, session.Stop.Action);
        Assert.False(session.Stop.Token.IsCancellationRequested);
        _time.Advance(ControlHandler.ReplyGrace);
        Assert.True(session.Stop.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task An_unknown_command_is_refused()
    {
        var (handler, _, session) = Create();

        var reply = handler.Handle(new ControlCommand("format-disk"), session);

        Assert.Equal(new ControlReply(false, "unknown command 'format-disk'"), reply);
    }

    [Fact]
    public void Status_json_uses_the_protocol_names()
    {
        var json = JsonSerializer.Serialize(new AgentStatus(5, "1.0.0", null, 0, [new AgentTarget("rtsp", "127.0.0.1", 554)], "ws://h/agent/connect",
            [new AgentTarget("nas", "10.0.0.2", 445)]), AgentJsonContext.Default.AgentStatus);

        Assert.Equal("""{"uptimeSeconds":5,"version":"1.0.0","localIp":null,"openStreams":0,"targets":[{"name":"rtsp","host":"127.0.0.1","port":554}],"server":"ws://h/agent/connect","refusedTargets":[{"name":"nas","host":"10.0.0.2","port":445}]}""", json);
    }
}
