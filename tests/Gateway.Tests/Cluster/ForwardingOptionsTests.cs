using CameraCloud.Gateway.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CameraCloud.Gateway.Tests.Cluster;

public sealed class ForwardingOptionsTests
{
    [Fact]
    public void Defaults_are_5s_connect_60s_headers_15s_stream_open_and_valid()
    {
        var options = new ForwardingOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ResponseHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.StreamOpenTimeout);
        Assert.True(new ForwardingOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Binds_the_Cluster_Forwarding_section()
    {
        using var services = Create(new() { ["Cluster:Forwarding:ConnectTimeout"] = "00:00:02" });

        Assert.Equal(TimeSpan.FromSeconds(2), services.GetRequiredService<IOptions<ForwardingOptions>>().Value.ConnectTimeout);
    }

    [Theory]
    [InlineData("ConnectTimeout", "00:00:00")]
    [InlineData("ResponseHeadersTimeout", "-00:00:01")]
    [InlineData("StreamOpenTimeout", "01:00:00")]
    public void A_bad_value_fails_with_a_message_naming_the_setting(string setting, string value)
    {
        using var services = Create(new() { [$"Cluster:Forwarding:{setting}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ForwardingOptions>>().Value);

        Assert.Contains($"Cluster:Forwarding:{setting}", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Create(Dictionary<string, string?> configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddLogging();
        services.AddClusterForwarding();
        return services.BuildServiceProvider();
    }
}
