using System.Net;
using System.Net.Sockets;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Connection;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Tests;

public sealed class TargetConnectorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly StringWriter _log = new();

    private TargetConnector Create(params AgentTarget[] targets) =>
        new(new TargetTable(targets), TimeSpan.FromSeconds(5), new AgentLog(_log, TimeProvider.System) { Minimum = AgentLogLevel.Debug });

    [Fact]
    public async Task A_known_target_is_connected_and_carries_bytes_both_ways()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connector = Create(new AgentTarget("rtsp", "127.0.0.1", port));

        await using var stream = await connector.ConnectAsync("rtsp", CancellationToken.None).WaitAsync(Bound);
        using var server = await listener.AcceptTcpClientAsync().WaitAsync(Bound);
        await stream.WriteAsync("OPTIONS"u8.ToArray());
        var buffer = new byte[7];
        await server.GetStream().ReadExactlyAsync(buffer).AsTask().WaitAsync(Bound);
        await server.GetStream().WriteAsync("RTSP/1.0"u8.ToArray());
        var reply = new byte[8];
        await stream.ReadExactlyAsync(reply).AsTask().WaitAsync(Bound);

        Assert.Equal("OPTIONS"u8.ToArray(), buffer);
        Assert.Equal("RTSP/1.0"u8.ToArray(), reply);
    }

    [Fact]
    public async Task An_unknown_target_is_refused_as_unknown()
    {
        var connector = Create(new AgentTarget("rtsp", "127.0.0.1", 554));

        var error = await Assert.ThrowsAsync<TargetConnectException>(() => connector.ConnectAsync("ssh", CancellationToken.None));

        Assert.Equal(TargetFailure.UnknownTarget, error.Failure);
        Assert.Equal("no target named 'ssh'", error.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var connector = Create(new AgentTarget("rtsp", "127.0.0.1", port));

        var error = await Assert.ThrowsAsync<TargetConnectException>(() => connector.ConnectAsync("rtsp", CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(TargetFailure.TargetUnreachable, error.Failure);
        Assert.Contains($"rtsp=127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("WARN stream to rtsp=127.0.0.1", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaced_table_is_used_for_the_next_open()
    {
        var table = new TargetTable([new AgentTarget("rtsp", "127.0.0.1", 554)]);
        var connector = new TargetConnector(table, TimeSpan.FromSeconds(5), new AgentLog(_log, TimeProvider.System));

        table.Offer([new AgentTarget("http", "127.0.0.1", 554)]);
        var error = await Assert.ThrowsAsync<TargetConnectException>(() => connector.ConnectAsync("rtsp", CancellationToken.None));

        Assert.Equal(TargetFailure.UnknownTarget, error.Failure);
    }
}
