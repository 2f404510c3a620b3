using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class CameraNameValidatorTests
{
    [Theory]
    [InlineData("Front door")]
    [InlineData("x")]
    [InlineData("Café – Küche")]
    [InlineData("👨‍👩‍👧 kids' room")]
    [InlineData("  padded  ")]
    public void Accepts_ordinary_names(string name)
    {
        Assert.Null(CameraNameValidator.Validate(name));
    }

    [Fact]
    public void Accepts_exactly_64_characters()
    {
        Assert.Null(CameraNameValidator.Validate(new string('n', 64)));
    }

    [Fact]
    public void Refuses_65_characters_and_says_the_limit()
    {
        var error = CameraNameValidator.Validate(new string('n', 65));

        Assert.NotNull(error);
        Assert.Contains("64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_missing_name()
    {
        Assert.Contains("required", CameraNameValidator.Validate(null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0")]
    public void Refuses_empty_or_blank_names(string name)
    {
        Assert.Contains("empty", CameraNameValidator.Validate(name), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("bell\u0007")]
    [InlineData("nul\0")]
    [InlineData("esc\u001b[31m")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085")]
    [InlineData("sep\u2028")]
    [InlineData("para\u2029")]
    public void Refuses_control_characters(string name)
    {
        Assert.Contains("control characters", CameraNameValidator.Validate(name), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_unpaired_surrogates()
    {
        // Built from chars: a test framework's data serialization would turn a lone surrogate into U+FFFD.
        string[] names =
        [
            new(['l', 'o', 'n', 'e', (char)0xD800, 'h', 'i']),
            new(['l', 'o', 'n', 'e', (char)0xDC00, 'l', 'o']),
            new(['e', 'n', 'd', (char)0xD83D]),
            new([(char)0xDE00, (char)0xD83D]),
        ];
        foreach (var name in names)
        {
            Assert.Contains("valid Unicode", CameraNameValidator.Validate(name), StringComparison.Ordinal);
        }
    }
}
