using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Tests;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _env = [];

    public void Dispose() => _dir.Dispose();

    private string WriteConfig(string text, string name = "agent.conf")
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private (AgentConfig? Config, List<string> Errors) Load(string[] args, string? defaultPath = null)
    {
        var parsed = AgentArguments.Parse(args);
        Assert.Empty(parsed.Errors);
        var errors = new List<string>();
        var config = AgentConfigLoader.Load(parsed.Layer, parsed.ConfigPath, n => _env.GetValueOrDefault(n), defaultPath ?? _dir.File("absent.conf"), errors);
        return (config, errors);
    }

    private const string FullFile = """
        # a comment
        server = wss://file.example
        id = cam-file
        token = file-token-0123456789abcdef

        target.rtsp = 10.0.0.1:554
        target.http = 10.0.0.1:80
        log-level = debug
        """;

    [Fact]
    public void Arguments_override_environment_which_overrides_the_file()
    {
        var path = WriteConfig(FullFile);
        _env["CAMERACLOUD_AGENT_ID"] = "cam-env";
        _env["CAMERACLOUD_AGENT_TOKEN"] = "env-token";
        _env["CAMERACLOUD_AGENT_TARGETS"] = "rtsp=10.0.0.2:554,onvif=10.0.0.2:8000";

        var (config, errors) = Load(["--config", path, "--id", "cam-arg", "--target", "rtsp=10.0.0.3:8554"]);

        Assert.Empty(errors);
        Assert.Equal(new Uri("wss://file.example/agent/connect"), config!.Server);
        Assert.Equal("cam-arg", config.Id);
        Assert.Equal("env-token", config.Token);
        Assert.Equal(AgentLogLevel.Debug, config.LogLevel);
        Assert.Equal(path, config.ConfigFile);
        // Targets are keys of their own: each source overrides by name and keeps the others.
        Assert.Equal(
            [new AgentTarget("rtsp", "10.0.0.3", 8554), new AgentTarget("http", "10.0.0.1", 80), new AgentTarget("onvif", "10.0.0.2", 8000)],
            config.Targets);
    }

    [Fact]
    public void Arguments_alone_are_enough_and_the_default_file_is_optional()
    {
        var (config, errors) = Load(["--server", "ws://127.0.0.1:8080", "--id", "cam-1", "--token", "t0k3n", "--target", "rtsp=127.0.0.1:554"]);

        Assert.Empty(errors);
        Assert.Equal(new Uri("ws://127.0.0.1:8080/agent/connect"), config!.Server);
        Assert.Null(config.ConfigFile);
        Assert.Null(config.Model);
        Assert.Equal(AgentLogLevel.Info, config.LogLevel);
    }

    [Fact]
    public void The_default_file_is_read_when_it_exists()
    {
        var path = WriteConfig(FullFile, "default.conf");

        var (config, errors) = Load([], defaultPath: path);

        Assert.Empty(errors);
        Assert.Equal("cam-file", config!.Id);
        Assert.Equal(path, config.ConfigFile);
    }

    [Fact]
    public void A_server_url_with_a_path_keeps_it()
    {
        var (config, _) = Load(["--server", "wss://cloud.example:8443/tunnel/in", "--id", "a", "--token", "b", "--target", "rtsp=127.0.0.1:554"]);

        Assert.Equal(new Uri("wss://cloud.example:8443/tunnel/in"), config!.Server);
    }

    [Fact]
    public void A_missing_explicit_config_file_is_an_error()
    {
        var (config, errors) = Load(["--config", _dir.File("nope.conf"), "--server", "ws://h:1", "--id", "a", "--token", "b", "--target", "rtsp=h:1"]);

        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains("nope.conf does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_lines_unknown_and_repeated_keys_are_reported_with_their_line_numbers()
    {
        var path = WriteConfig("""
            server = wss://x.example
            this is not a setting
            tokne = oops
            id = a
            id = b
            = value
            """);

        var (config, errors) = Load(["--config", path]);

        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains("line 2: expected 'key = value'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("line 3: unknown key 'tokne'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("line 5: 'id' is already set on line 4", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("line 6: expected 'key = value'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rtsp=127.0.0.1", "is not host:port")]
    [InlineData("rtsp=127.0.0.1:0", "port 0 is outside 1-65535")]
    [InlineData("rtsp=127.0.0.1:65536", "port 65536 is outside 1-65535")]
    [InlineData("rtsp=127.0.0.1:-1", "is not a number")]
    [InlineData("rtsp=127.0.0.1:abc", "is not a number")]
    [InlineData("RTSP=127.0.0.1:554", "may hold only a-z")]
    [InlineData("=127.0.0.1:554", "is not name=host:port")]
    [InlineData("rtsp", "is not name=host:port")]
    [InlineData("rtsp=bad_host!:554", "neither a host name nor an IP address")]
    [InlineData("rtsp=::1:554", "is not host:port")]
    public void Bad_target_syntax_is_rejected(string target, string expected)
    {
        var parsed = AgentArguments.Parse(["--target", target]);

        Assert.Contains(parsed.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Ipv6_targets_use_brackets()
    {
        var target = TargetSyntax.TryParseAssignment("rtsp=[fe80::1]:554", out var error);

        Assert.Null(error);
        Assert.Equal(new AgentTarget("rtsp", "fe80::1", 554), target);
        Assert.Equal("rtsp=[fe80::1]:554", target!.ToString());
    }

    [Fact]
    public void Bad_environment_targets_name_the_variable()
    {
        _env["CAMERACLOUD_AGENT_TARGETS"] = "rtsp=127.0.0.1:554,http=127.0.0.1:99999";

        var (config, errors) = Load(["--server", "ws://h:1", "--id", "a", "--token", "b"]);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("CAMERACLOUD_AGENT_TARGETS:", StringComparison.Ordinal) && e.Contains("99999", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://cloud.example", "the scheme must be ws:// or wss://, not http://")]
    [InlineData("cloud.example:8080", "is not an absolute URL")]
    [InlineData("not a url", "is not an absolute URL")]
    [InlineData("wss://user:pw@cloud.example", "must not hold credentials")]
    public void Bad_server_urls_are_rejected(string server, string expected)
    {
        var (config, errors) = Load(["--server", server, "--id", "a", "--token", "b", "--target", "rtsp=h:1"]);

        Assert.Null(config);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_server_id_token_and_targets_are_all_reported_at_once()
    {
        var (config, errors) = Load([]);

        Assert.Null(config);
        Assert.Contains(errors, e => e.StartsWith("server is not set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("id is not set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("token is not set", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("no targets", StringComparison.Ordinal));
    }

    [Fact]
    public void The_package_template_placeholders_are_refused()
    {
        var path = WriteConfig("""
            server = wss://CHANGE-ME.example.com
            id = CHANGE-ME
            token = CHANGE-ME
            target.rtsp = 127.0.0.1:554
            """);

        var (config, errors) = Load(["--config", path]);

        Assert.Null(config);
        Assert.Equal(3, errors.Count(e => e.Contains("placeholder CHANGE-ME", StringComparison.Ordinal)));
    }

    [Fact]
    public void Oversize_values_are_rejected()
    {
        var (_, longId) = Load(["--server", "ws://h:1", "--id", new string('a', AgentLimits.MaxIdLength + 1), "--token", "b", "--target", "rtsp=h:1"]);
        var (_, longToken) = Load(["--server", "ws://h:1", "--id", "a", "--token", new string('t', AgentLimits.MaxTokenLength + 1), "--target", "rtsp=h:1"]);
        var (_, longUrl) = Load(["--server", "ws://h:1/" + new string('p', AgentLimits.MaxUrlLength), "--id", "a", "--token", "b", "--target", "rtsp=h:1"]);
        var many = Enumerable.Range(0, AgentLimits.MaxTargets + 1).SelectMany(i => new[] { "--target", $"t{i}=h:{i + 1}" });
        var (_, tooMany) = Load(["--server", "ws://h:1", "--id", "a", "--token", "b", .. many]);

        Assert.Contains(longId, e => e.Contains("must be 1-64 characters", StringComparison.Ordinal));
        Assert.Contains(longToken, e => e.Contains("token must be 1-256", StringComparison.Ordinal));
        Assert.Contains(longUrl, e => e.Contains("longer than 2048", StringComparison.Ordinal));
        Assert.Contains(tooMany, e => e.Contains("at most 16 are allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Oversize_lines_and_files_are_not_read()
    {
        var longLine = WriteConfig("id = " + new string('a', AgentLimits.MaxLineLength) + "\n", "long.conf");
        var huge = WriteConfig(string.Concat(Enumerable.Repeat("# padding padding padding padding\n", 3000)), "huge.conf");

        var (_, lineErrors) = Load(["--config", longLine]);
        var (_, fileErrors) = Load(["--config", huge]);

        Assert.Contains(lineErrors, e => e.Contains("line 1: longer than 4096", StringComparison.Ordinal));
        Assert.Contains(fileErrors, e => e.Contains("at most 65536 are read", StringComparison.Ordinal));
    }

    [Fact]
    public void Targets_too_large_for_the_hello_are_rejected()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('h', 60), 4));
        var targets = Enumerable.Range(0, 12).Select(i => new AgentTarget($"target-{i}", host, 554)).ToArray();

        var error = TargetSyntax.CheckList(targets);

        Assert.NotNull(error);
        Assert.Contains("fit in the handshake", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_with_a_colon_is_rejected_because_basic_auth_splits_there()
    {
        var (_, errors) = Load(["--server", "ws://h:1", "--id", "cam:1", "--token", "b", "--target", "rtsp=h:1"]);

        Assert.Contains(errors, e => e.StartsWith("id 'cam:1'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_log_level_is_rejected()
    {
        var (_, errors) = Load(["--server", "ws://h:1", "--id", "a", "--token", "b", "--target", "rtsp=h:1", "--log-level", "loud"]);

        Assert.Contains(errors, e => e.Contains("log-level 'loud' is not one of debug, info, warn, error", StringComparison.Ordinal));
    }
}
