using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>A real Kestrel app on a free 127.0.0.1 port, built by the test: a node's gateway or a stand-in owner.</summary>
internal sealed class LoopbackApp : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, RecordedLogs logs)
    {
        _app = app;
        Logs = logs;
        // Kestrel reports the port it bound in place of the 0 asked for.
        Address = new Uri(app.Urls.Single() + "/");
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public RecordedLogs Logs { get; }

    /// <param name="services">Registers the app's services.</param>
    /// <param name="map">Adds the app's middleware and endpoints.</param>
    /// <param name="configuration">Configuration values over the builder's own, as a node's command line would give them.</param>
    public static async Task<LoopbackApp> StartAsync(
        Action<IServiceCollection> services, Action<WebApplication> map, IEnumerable<KeyValuePair<string, string?>>? configuration = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new RecordedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        services(builder.Services);
        var app = builder.Build();
        map(app);
        using var starting = new CancellationTokenSource(StopTimeout);
        await app.StartAsync(starting.Token);
        return new LoopbackApp(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(StopTimeout);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
