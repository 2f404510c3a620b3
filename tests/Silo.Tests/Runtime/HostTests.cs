using CameraCloud.Actors;
using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using CameraCloud.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

/// <summary>The runtime inside a real generic host: configuration checks at start, the sweep timer, stop.</summary>
public sealed class HostTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Grains:IdleDeactivationAfter", "00:00:00", "Grains:IdleDeactivationAfter must be a positive time span")]
    [InlineData("Grains:SweepInterval", "-00:00:01", "Grains:SweepInterval must be a positive time span")]
    [InlineData("Grains:MaxQueuedCallsPerActivation", "0", "Grains:MaxQueuedCallsPerActivation must be at least 1")]
    [InlineData("Storage:Provider", "Memcached", "Storage:Provider 'Memcached' is not supported")]
    [InlineData("Storage:Provider", "Redis", "Storage:Redis must be set")]
    public async Task A_wrong_setting_fails_the_start_naming_the_key(string key, string value, string expected)
    {
        using IHost host = BuildHost(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(Wait.Timeout));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created_fails_the_start_naming_it()
    {
        string blocker = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        string dataPath = Path.Combine(blocker, "data");
        using IHost host = BuildHost(new() { ["Storage:DataPath"] = dataPath });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WaitAsync(Wait.Timeout));

        Assert.Contains($"Storage:DataPath '{dataPath}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_sweeps_idle_grains_on_its_timer_and_deactivates_the_rest_at_stop()
    {
        using IHost host = BuildHost([]);
        await host.StartAsync().WaitAsync(Wait.Timeout);
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        var time = (ManualTimeProvider)host.Services.GetRequiredService<TimeProvider>();
        var probe = host.Services.GetRequiredService<GrainProbe>();
        await Wait.For(factory.GetGrain<ITurnGrain>("idle").GetInstanceAsync(default));

        // Past the idle time, then one more sweep interval so a sweep surely runs after it.
        time.Advance(TestSilo.IdleAfter);
        await Wait.For(factory.GetGrain<ITurnGrain>("busy").GetInstanceAsync(default));
        time.Advance(TimeSpan.FromSeconds(30));
        await probe.WaitForAsync("idle", "deactivated");

        await host.StopAsync().WaitAsync(Wait.Timeout);

        Assert.Equal(DeactivationReason.Idle, Assert.Single(probe.Events("idle", "deactivated")).Reason);
        Assert.Equal(DeactivationReason.Shutdown, Assert.Single(probe.Events("busy", "deactivated")).Reason);
    }

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        TestSilo.AddTestGrains(builder.Services, Path.Combine(_folder.Path, "data"), settings, probe: null);
        return builder.Build();
    }
}
