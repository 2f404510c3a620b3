using CameraCloud.Cameras;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class CameraIdTests
{
    [Theory]
    [InlineData("0800c00128F8")]
    [InlineData("a")]
    [InlineData("Z9")]
    [InlineData("abcdefghijABCDEFGHIJ0123456789xy")]
    public void Accepts_ascii_letters_and_digits_up_to_32(string id)
    {
        Assert.True(CameraId.IsValid(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijABCDEFGHIJ0123456789xyz")]
    [InlineData("0800c001-8F8")]
    [InlineData("0800 c00128F8")]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a%2Fb")]
    [InlineData("id\0")]
    [InlineData("id\n")]
    [InlineData("été")]
    [InlineData("ａｂｃ")]
    [InlineData("١٢٣")]
    [InlineData("😀")]
    [InlineData("<script>")]
    public void Refuses_garbage_unicode_and_oversize(string? id)
    {
        Assert.False(CameraId.IsValid(id));
    }

    [Fact]
    public void Refuses_a_huge_id()
    {
        Assert.False(CameraId.IsValid(new string('a', 100_000)));
    }
}
