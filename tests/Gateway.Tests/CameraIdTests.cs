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

    [Theory]
    [InlineData("0800c00128F8", "0800c00128f8")]
    [InlineData("0800C00128F8", "0800c00128f8")]
    [InlineData("0800c00128f8", "0800c00128f8")]
    [InlineData("Z9", "z9")]
    public void Every_spelling_of_an_id_normalizes_to_lower_case(string id, string normalized)
    {
        Assert.True(CameraId.TryNormalize(id, out var result));
        Assert.Equal(normalized, result);
        Assert.True(CameraId.IsNormalized(result));
        Assert.Equal(normalized, CameraCloud.Cluster.DeviceKey.Camera(id).Id);
    }

    [Fact]
    public void An_id_already_in_lower_case_is_kept_as_it_is()
    {
        var id = "0800c00128f8";

        Assert.Same(id, CameraId.Normalize(id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("été")]
    [InlineData("ＡＢＣ")]
    [InlineData("0800 C00128F8")]
    public void An_invalid_id_does_not_normalize(string? id)
    {
        Assert.False(CameraId.TryNormalize(id, out var result));
        Assert.Null(result);
        Assert.False(CameraId.IsNormalized(id));
    }
}
