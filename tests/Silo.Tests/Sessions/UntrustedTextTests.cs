using CameraCloud.Edge.Logging;

namespace CameraCloud.Silo.Tests.Sessions;

public sealed class UntrustedTextTests
{
    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("", "")]
    [InlineData("0800c00128F8", "0800c00128F8")]
    [InlineData("a\nfake: line", "a\\u000afake: line")]
    [InlineData("a\r\u0000\u001b[31m\u2028b", "a\\u000d\\u0000\\u001b[31m\\u2028b")]
    public void Control_characters_are_escaped_and_the_rest_kept(string? value, string logged)
    {
        Assert.Equal(logged, UntrustedText.ForLog(value));
    }

    [Fact]
    public void A_huge_value_is_cut_saying_how_long_it_was()
    {
        var logged = UntrustedText.ForLog(new string('x', 60_000) + "\n");

        Assert.Equal(new string('x', UntrustedText.MaxChars) + "… (60001 characters)", logged);
    }
}
