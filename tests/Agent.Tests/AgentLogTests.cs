using CameraCloud.Agent.Logging;
using CameraCloud.TestSupport;

namespace CameraCloud.Agent.Tests;

public sealed class AgentLogTests
{
    [Fact]
    public void A_line_is_utc_time_with_milliseconds_level_and_message()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero));
        time.Advance(TimeSpan.FromMilliseconds(7));
        var output = new StringWriter();

        new AgentLog(output, time).Info("connected to wss://cloud.example/agent/connect as cam-porch (local 192.168.1.64)");

        Assert.Equal("2026-11-21T18:00:00.007Z INFO connected to wss://cloud.example/agent/connect as cam-porch (local 192.168.1.64)\n", output.ToString());
    }

    [Fact]
    public void Lines_below_the_minimum_level_are_dropped()
    {
        var output = new StringWriter();
        var log = new AgentLog(output, new ManualTimeProvider()) { Minimum = AgentLogLevel.Warn };

        log.Debug("d");
        log.Info("i");
        log.Warn("w");
        log.Error("e");

        Assert.Equal(["WARN w", "ERROR e"], output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[25..]));
    }

    [Fact]
    public void A_message_with_line_breaks_stays_one_line()
    {
        var output = new StringWriter();

        new AgentLog(output, new ManualTimeProvider()).Warn("first\nsecond\r\nthird");

        Assert.EndsWith("WARN first second third\n", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("debug", AgentLogLevel.Debug)]
    [InlineData("INFO", AgentLogLevel.Info)]
    [InlineData("warning", AgentLogLevel.Warn)]
    [InlineData(" error ", AgentLogLevel.Error)]
    [InlineData("verbose", null)]
    public void Level_names_parse(string text, AgentLogLevel? expected) => Assert.Equal(expected, AgentLog.ParseLevel(text));
}
