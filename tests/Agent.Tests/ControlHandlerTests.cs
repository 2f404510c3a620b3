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

        var reply = await handler.HandleAsync(new ControlCommand("get-status"), session, CancellationToken.None);

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
    public async Task Update_config_replaces_the_targets_and_rewrites_only_the_target_lines_of_the_file()
    {
        var path = WriteConfig();
        var (handler, state, session) = Create(path);
        AgentTarget[] targets = [new("rtsp", "192.168.1.108", 554), new("onvif", "192.168.1.108", 80)];

        var reply = await handler.HandleAsync(new ControlCommand("update-config", targets), session, CancellationToken.None);

        Assert.True(reply.Ok);
        Assert.True(reply.Status!.Value.GetProperty("persisted").GetBoolean());
        Assert.Equal(targets, state.Targets.Current);
        Assert.Equal(targets[1], state.Targets.Find("onvif"));
        Assert.Null(state.Targets.Find("http"));
        Assert.Equal(
            ConfigText.Replace("target.rtsp = 127.0.0.1:554\ntarget.http = 127.0.0.1:80\n",
                "target.rtsp = 192.168.1.108:554\ntarget.onvif = 192.168.1.108:80\n", StringComparison.Ordinal),
            await File.ReadAllTextAsync(path));
        // The file holds the token: it stays readable by its owner only.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.False(File.Exists(path + ".new"));
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

        var reply = await handler.HandleAsync(new ControlCommand("update-config", [new AgentTarget(name, host, port)]), session, CancellationToken.None);

        Assert.False(reply.Ok);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
        Assert.Same(before, state.Targets.Current);
        Assert.Equal(ConfigText, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Update_config_refuses_duplicates_an_empty_list_and_a_missing_list()
    {
        var (handler, _, session) = Create();

        var duplicate = await handler.HandleAsync(
            new ControlCommand("update-config", [new AgentTarget("rtsp", "h", 1), new AgentTarget("rtsp", "h", 2)]), session, CancellationToken.None);
        var empty = await handler.HandleAsync(new ControlCommand("update-config", []), session, CancellationToken.None);
        var missing = await handler.HandleAsync(new ControlCommand("update-config"), session, CancellationToken.None);

        Assert.Equal("target 'rtsp' is given twice", duplicate.Error);
        Assert.StartsWith("no targets", empty.Error, StringComparison.Ordinal);
        Assert.Equal("update-config needs targets", missing.Error);
    }

    [Fact]
    public async Task Update_config_without_a_usable_file_applies_the_targets_and_says_they_were_not_persisted()
    {
        var path = WriteConfig();
        var (withoutFile, stateWithout, sessionWithout) = Create();
        var (withGoneFile, stateGone, sessionGone) = Create(path);
        File.Delete(path);
        AgentTarget[] targets = [new("rtsp", "10.1.1.1", 554)];

        var noFile = await withoutFile.HandleAsync(new ControlCommand("update-config", targets), sessionWithout, CancellationToken.None);
        var goneFile = await withGoneFile.HandleAsync(new ControlCommand("update-config", targets), sessionGone, CancellationToken.None);

        Assert.True(noFile.Ok);
        Assert.False(noFile.Status!.Value.GetProperty("persisted").GetBoolean());
        Assert.Equal(targets, stateWithout.Targets.Current);
        Assert.True(goneFile.Ok);
        Assert.False(goneFile.Status!.Value.GetProperty("persisted").GetBoolean());
        Assert.Contains("no longer exists", goneFile.Status!.Value.GetProperty("persistError").GetString(), StringComparison.Ordinal);
        Assert.Equal(targets, stateGone.Targets.Current);
        Assert.Contains("WARN targets not written", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_config_writes_through_a_symlink_to_the_real_file()
    {
        var real = WriteConfig();
        var link = _dir.File("link.conf");
        File.CreateSymbolicLink(link, real);
        var (handler, _, session) = Create(link);

        var reply = await handler.HandleAsync(new ControlCommand("update-config", [new AgentTarget("rtsp", "10.1.1.1", 554)]), session, CancellationToken.None);

        Assert.True(reply.Status!.Value.GetProperty("persisted").GetBoolean());
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Contains("target.rtsp = 10.1.1.1:554", await File.ReadAllTextAsync(real), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_answers_then_switches_the_server_and_ends_the_session_after_the_grace()
    {
        var (handler, state, session) = Create();

        var reply = await handler.HandleAsync(new ControlCommand("redirect", Url: "wss://other.example:8443"), session, CancellationToken.None);

        Assert.True(reply.Ok);
        Assert.Equal(new Uri("wss://other.example:8443/agent/connect"), state.Server);
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
    public async Task Redirect_to_a_bad_url_is_refused_and_keeps_the_session(string? url, string expected)
    {
        var (handler, state, session) = Create();

        var reply = await handler.HandleAsync(new ControlCommand("redirect", Url: url), session, CancellationToken.None);

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

        var reply = await handler.HandleAsync(new ControlCommand(command), session, CancellationToken.None);

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

        var reply = await handler.HandleAsync(new ControlCommand("format-disk"), session, CancellationToken.None);

        Assert.Equal(new ControlReply(false, "unknown command 'format-disk'"), reply);
    }

    [Fact]
    public void Status_json_uses_the_protocol_names()
    {
        var json = JsonSerializer.Serialize(new AgentStatus(5, "1.0.0", null, 0, [new AgentTarget("rtsp", "127.0.0.1", 554)], "ws://h/agent/connect"),
            AgentJsonContext.Default.AgentStatus);

        Assert.Equal("""{"uptimeSeconds":5,"version":"1.0.0","localIp":null,"openStreams":0,"targets":[{"name":"rtsp","host":"127.0.0.1","port":554}],"server":"ws://h/agent/connect"}""", json);
    }
}
