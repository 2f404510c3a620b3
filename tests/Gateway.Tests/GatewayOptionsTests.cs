using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Defaults_are_5s_timeout_1s_max_age_16KB_bodies_and_valid()
    {
        var options = new GatewayOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.SnapshotTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.SnapshotMaxAge);
        Assert.Equal(16 * 1024, options.MaxRequestBodyBytes);
        Assert.True(new GatewayOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Binds_the_Gateway_section()
    {
        using var services = TestServices.Create(configuration: new Dictionary<string, string?>
        {
            ["Gateway:SnapshotTimeout"] = "00:00:02",
            ["Gateway:SnapshotMaxAge"] = "00:00:00.500",
        });

        var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(2), options.SnapshotTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.SnapshotMaxAge);
    }

    [Theory]
    [InlineData("Gateway:SnapshotTimeout", "00:00:00", "SnapshotTimeout")]
    [InlineData("Gateway:SnapshotTimeout", "01:00:00", "SnapshotTimeout")]
    [InlineData("Gateway:SnapshotMaxAge", "-00:00:01", "SnapshotMaxAge")]
    [InlineData("Gateway:MaxRequestBodyBytes", "100000000", "MaxRequestBodyBytes")]
    public void A_bad_value_fails_with_a_message_naming_the_setting(string key, string value, string setting)
    {
        using var services = TestServices.Create(configuration: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GatewayOptions>>().Value);

        Assert.Contains($"Gateway:{setting}", error.Message, StringComparison.Ordinal);
    }
}
