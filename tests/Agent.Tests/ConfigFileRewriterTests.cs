using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Tests;

public sealed class ConfigFileRewriterTests
{
    private static readonly AgentTarget[] NewTargets = [new("rtsp", "192.168.1.20", 554), new("onvif", "192.168.1.20", 8000)];

    [Fact]
    public void Target_lines_are_replaced_in_place_and_every_other_line_is_kept()
    {
        const string text = "# header\nserver = wss://a.example\n# targets below\ntarget.rtsp = 127.0.0.1:554\n  target.http=127.0.0.1:80\ntoken = x\n# target.old = commented:1\n";

        var rewritten = ConfigFileRewriter.RewriteTargets(text, NewTargets);

        Assert.Equal(
            "# header\nserver = wss://a.example\n# targets below\ntarget.rtsp = 192.168.1.20:554\ntarget.onvif = 192.168.1.20:8000\ntoken = x\n# target.old = commented:1\n",
            rewritten);
    }

    [Fact]
    public void A_file_without_targets_gets_them_at_its_end()
    {
        Assert.Equal("id = a\ntarget.rtsp = 192.168.1.20:554\ntarget.onvif = 192.168.1.20:8000\n",
            ConfigFileRewriter.RewriteTargets("id = a", NewTargets));
    }

    [Fact]
    public void Windows_line_endings_are_kept()
    {
        Assert.Equal("id = a\r\ntarget.rtsp = 192.168.1.20:554\r\ntarget.onvif = 192.168.1.20:8000\r\n",
            ConfigFileRewriter.RewriteTargets("id = a\r\ntarget.rtsp = 1.1.1.1:1\r\n", NewTargets));
    }

    [Fact]
    public void The_rewritten_file_parses_to_the_new_targets()
    {
        var errors = new List<string>();
        var rewritten = ConfigFileRewriter.RewriteTargets("server = ws://h:1\ntarget.http = 127.0.0.1:80\n", [new AgentTarget("cam", "fe80::2", 554)]);

        var layer = ConfigFileParser.Parse(rewritten, "f", errors);

        Assert.Empty(errors);
        Assert.Equal([new AgentTarget("cam", "fe80::2", 554)], layer.Targets);
    }
}
