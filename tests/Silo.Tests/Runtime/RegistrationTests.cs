using CameraCloud.Actors;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Tests.Storage;
using CameraCloud.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class RegistrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_configuration_the_defaults_apply_and_the_system_clock_is_used()
    {
        using ServiceProvider provider = Build(new ServiceCollection(), []);

        GrainRuntimeOptions grains = provider.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value;
        StorageOptions storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(10), grains.IdleDeactivationAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), grains.SweepInterval);
        Assert.Equal("Embedded", storage.Provider);
        Assert.Equal("data", storage.DataPath);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<GrainRuntime>(), provider.GetRequiredService<IGrainFactory>());
        Assert.IsType<FileGrainStorage>(provider.GetRequiredService<IGrainStorage>());
    }

    [Fact]
    public void Configuration_and_an_existing_clock_are_respected()
    {
        var services = new ServiceCollection();
        var clock = new ManualTimeProvider();
        services.AddSingleton<TimeProvider>(clock);
        using ServiceProvider provider = Build(services, new()
        {
            ["Grains:IdleDeactivationAfter"] = "00:02:00",
            ["Grains:SweepInterval"] = "00:00:05",
            ["Storage:DataPath"] = _folder.Path,
        });

        GrainRuntimeOptions grains = provider.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(2), grains.IdleDeactivationAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), grains.SweepInterval);
        Assert.Equal(_folder.Path, provider.GetRequiredService<FileGrainStorage>().DataPath);
        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    private static ServiceProvider Build(ServiceCollection services, Dictionary<string, string?> settings)
    {
        services.AddLogging();
        services.AddGrainRuntime(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
