using System.Net;
using System.Net.Sockets;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Connection;

/// <summary>Serves OPEN: looks the target name up in the current table and connects to it over TCP.</summary>
public sealed class TargetConnector(TargetTable targets, TimeSpan connectTimeout, AgentLog log)
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A connected stream to the target; <see cref="TargetConnectException"/> when it is unknown or unreachable.</summary>
    public async Task<Stream> ConnectAsync(string name, CancellationToken ct)
    {
        var target = targets.Find(name);
        if (target is null)
        {
            log.Warn($"stream refused: no target named '{TargetSyntax.Shorten(name)}'");
            throw new TargetConnectException(TargetFailure.UnknownTarget, $"no target named '{TargetSyntax.Shorten(name)}'");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connectTimeout);
        try
        {
            var socket = await ConnectSocketAsync(target, timeout.Token);
            log.Debug($"stream to {target} connected");
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Unreachable(target, $"no answer within {connectTimeout.TotalSeconds:0.#} s");
        }
        catch (SocketException e)
        {
            throw Unreachable(target, e.Message);
        }
    }

    private TargetConnectException Unreachable(AgentTarget target, string why)
    {
        log.Warn($"stream to {target} failed: {why}");
        return new TargetConnectException(TargetFailure.TargetUnreachable, $"{target}: {why}");
    }

    // Sockets are created per address family: a dual-mode IPv6 socket fails on cameras whose kernel has no IPv6.
    private static async Task<Socket> ConnectSocketAsync(AgentTarget target, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(target.Host, ct);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, target.Port, ct);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
