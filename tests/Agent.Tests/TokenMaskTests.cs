using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Logging;
using CameraCloud.TestSupport;

namespace CameraCloud.Agent.Tests;

public sealed class TokenMaskTests
{
    private const string Token = "s3cr3t-t0ken-abcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData("short")]
    [InlineData("a-token-of-exactly-20")]
    [InlineData(Token)]
    public void The_mask_never_holds_the_token(string token)
    {
        var masked = TokenMask.Mask(token);

        Assert.DoesNotContain(token, masked, StringComparison.Ordinal);
        Assert.Contains($"({token.Length} chars)", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_prints_without_its_token()
    {
        var config = new AgentConfig(new Uri("wss://a.example/agent/connect"), "cam", Token, null, AgentLogLevel.Info,
            [new AgentTarget("rtsp", "127.0.0.1", 554)], null);

        var text = config.ToString();

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.Contains("token=s3***", text, StringComparison.Ordinal);
        Assert.Contains("targets=rtsp=127.0.0.1:554", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_token_is_not_quoted_in_the_error()
    {
        var errors = new List<string>();
        var arguments = AgentArguments.Parse(["--server", "ws://h:1", "--id", "a", "--token", "bad token with spaces 12345", "--target", "rtsp=h:1"]);

        AgentConfigLoader.Load(arguments.Layer, null, _ => null, "/nonexistent/agent.conf", errors);

        var error = Assert.Single(errors);
        Assert.DoesNotContain("bad token with spaces", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_startup_log_shows_the_configuration_without_the_token()
    {
        var stdout = new StringWriter();
        var program = new AgentProgram(stdout, new StringWriter(), _ => null, "/nonexistent/agent.conf",
            new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero)))
        {
            SessionFactory = (_, _) => new ScriptedSession(),
        };
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();

        var code = await program.RunAsync(["--server", "ws://127.0.0.1:9", "--id", "cam-porch", "--token", Token, "--target", "rtsp=127.0.0.1:554"], stopped.Token);

        Assert.Equal(0, code);
        var log = stdout.ToString();
        Assert.Contains("2026-11-21T18:00:00.000Z INFO cameracloud-agent", log, StringComparison.Ordinal);
        Assert.Contains("id=cam-porch", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, log, StringComparison.Ordinal);
    }
}
