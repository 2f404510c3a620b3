using CameraCloud.Agents;
using CameraCloud.Silo.Tests.Nodes;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>The "Tunnel" section is checked when the node starts, with messages that name the key.</summary>
public sealed class TunnelOptionsTests
{
    [Theory]
    [InlineData("--Tunnel:PortRange=21000-20000", "Tunnel:PortRange")]
    [InlineData("--Tunnel:PortRange=20000", "Tunnel:PortRange")]
    [InlineData("--Tunnel:PortRange=0-10", "Tunnel:PortRange")]
    [InlineData("--Tunnel:BindAddress=somewhere", "Tunnel:BindAddress")]
    [InlineData("--Tunnel:MaxStreamsPerAgent=0", "MaxStreamsPerAgent")]
    public async Task A_bad_setting_stops_the_start_and_names_the_key(string argument, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningSilo.StartAsync(argument));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("20000-20999", 20000, 20999)]
    [InlineData(" 30000 - 30000 ", 30000, 30000)]
    [InlineData("1-65535", 1, 65535)]
    public void Port_ranges_parse(string text, int first, int last)
    {
        Assert.True(TunnelPortRange.TryParse(text, out var range));
        Assert.Equal(new TunnelPortRange(first, last), range);
        Assert.Equal(last - first + 1, range.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-20000")]
    [InlineData("20000-")]
    [InlineData("20000-70000")]
    [InlineData("+1-5")]
    [InlineData("a-b")]
    public void Non_ranges_do_not_parse(string text) => Assert.False(TunnelPortRange.TryParse(text, out _));
}
