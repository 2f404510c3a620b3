using System.Net;
using System.Net.Sockets;
using CameraCloud.Actors;
using CameraCloud.Cluster;
using CameraCloud.Edge.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Edge.V720;

/// <summary>
/// Starts the camera-facing listeners: HTTP bootstrap, TCP control and MQTT on a Kestrel server of their
/// own (so the gateway's <c>--urls</c> stay the gateway's), and the shared UDP media socket.
/// A port that cannot be bound fails the start with a message naming its configuration key.
/// </summary>
public sealed class V720EdgeServer(
    IOptions<V720Options> options,
    IGrainFactory grains,
    IDeviceDirectory directory,
    V720SessionRegistry registry,
    V720UdpServer udp,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<V720EdgeServer>();
    private readonly EdgeShutdown _shutdown = new();
    private WebApplication? _app;

    public bool IsListening { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var bind = IPAddress.TryParse(o.BindAddress, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"V720:BindAddress '{o.BindAddress}' is not an IP address.");
        var publicHost = PublicHostResolver.Resolve(o.PublicHost);
        EdgeLog.PublicHost(_logger, publicHost.ToString(), o.TcpPort, string.IsNullOrWhiteSpace(o.PublicHost) ? "first interface address; set V720:PublicHost to choose" : "V720:PublicHost");

        EnsureBindable(bind, o.HttpPort, "V720:HttpPort", "HTTP bootstrap");
        EnsureBindable(bind, o.TcpPort, "V720:TcpPort", "TCP control");
        EnsureBindable(bind, o.MqttPort, "V720:MqttPort", "MQTT");

        var services = new V720SessionServices(o, publicHost, grains, directory, registry, udp, time, loggerFactory.CreateLogger<V720ControlSession>());
        // An empty builder: no configuration files, no console lifetime, no status messages; only what the
        // camera-facing listeners need, and the node's own logger factory.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(V720EdgeServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(new EdgeLoggerFactory(loggerFactory));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton(_shutdown);
        builder.Services.AddSingleton(grains);
        builder.Services.AddSingleton(registry);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The bootstrap is a few small requests per camera boot: tight limits keep garbage cheap.
            kestrel.Limits.MaxRequestBodySize = 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 8 * 1024;
            kestrel.Limits.MaxRequestLineSize = 4 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Listen(bind, o.HttpPort);
            kestrel.Listen(bind, o.TcpPort, l => l.UseConnectionHandler<V720ConnectionHandler>());
            kestrel.Listen(bind, o.MqttPort, l => l.UseConnectionHandler<MqttConnectionHandler>());
        });

        var app = builder.Build();
        app.MapV720Bootstrap();
        udp.Start(bind);
        await app.StartAsync(cancellationToken);
        _app = app;
        EdgeLog.Listening(_logger, "HTTP bootstrap", $"{bind}:{o.HttpPort}");
        EdgeLog.Listening(_logger, "TCP control", $"{bind}:{o.TcpPort}");
        EdgeLog.Listening(_logger, "MQTT", $"{bind}:{o.MqttPort}");
        IsListening = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsListening = false;
        _shutdown.Signal();
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
        await udp.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
        _shutdown.Dispose();
    }

    /// <summary>Kestrel's own bind error names an address, not the setting; this names the setting.</summary>
    private static void EnsureBindable(IPAddress bind, int port, string key, string what)
    {
        using var probe = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(new IPEndPoint(bind, port));
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"V720 {what} port {bind}:{port} ({key}) cannot be bound: {ex.Message}", ex);
        }
    }
}
