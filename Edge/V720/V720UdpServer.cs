using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CameraCloud.Codecs.V720;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The one UDP socket all cameras share, on the TCP port's number (§5.2). Peers are bound by the uid in
/// their probe (51), so two cameras behind one NAT address are two peers; a probe counts only from the IP of the
/// named camera's control connection (NAT keeps the two equal), and nothing is sent to an address no camera's
/// control connection comes from, so neither a forged probe nor a spoofed source gets anything. One receive loop runs all
/// per-packet work (framing, reassembly, 605 bookkeeping); complete frames leave for the grains.
/// </summary>
public sealed class V720UdpServer(V720Options options, V720SessionRegistry registry, ILogger<V720UdpServer> logger) : IAsyncDisposable
{
    /// <summary>Large enough for any UDP datagram, so an oversize one is seen whole and rejected, not split.</summary>
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly ConcurrentDictionary<SocketAddress, V720MediaChannel> _peers = new();
    private readonly ConcurrentDictionary<V720MediaChannel, byte> _acking = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _socket;
    private Task? _receiveLoop;
    private Task? _ackLoop;
    private int _disposed;
    private long _garbageDatagrams;
    private long _unknownPeerPackets;

    public long GarbageDatagrams => Interlocked.Read(ref _garbageDatagrams);

    public long UnknownPeerPackets => Interlocked.Read(ref _unknownPeerPackets);

    public void Start(IPAddress bindAddress)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = options.UdpReceiveBufferBytes;
            socket.Bind(new IPEndPoint(bindAddress, options.TcpPort));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException(
                $"V720 UDP media port {bindAddress}:{options.TcpPort} (V720:TcpPort) cannot be bound: {ex.Message}", ex);
        }
        _socket = socket;
        EdgeLog.UdpListening(logger, socket.LocalEndPoint!.ToString()!, socket.ReceiveBufferSize);
        _receiveLoop = ReceiveLoopAsync(socket, _stopping.Token);
        _ackLoop = AckLoopAsync(_stopping.Token);
    }

    /// <summary>Stops acknowledging and forgets the peer of a stream that ended.</summary>
    public void EndStream(V720MediaChannel channel)
    {
        _acking.TryRemove(channel, out _);
        if (channel.EndStream() is { } peer)
        {
            _peers.TryRemove(new KeyValuePair<SocketAddress, V720MediaChannel>(peer, channel));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Called by the edge on stop and again by the container on disposal.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stopping.CancelAsync();
        _socket?.Dispose();
        foreach (var loop in new[] { _receiveLoop, _ackLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }

            try
            {
                Handle(socket, buffer.AsSpan(0, received), from);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One bad datagram must never stop the loop every camera depends on.
                EdgeLog.UdpPacketFailed(logger, ex);
            }
        }
    }

    private void Handle(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress from)
    {
        if (!V720Datagram.TryParse(datagram, out var header, out var payload))
        {
            Interlocked.Increment(ref _garbageDatagrams);
            return;
        }

        switch (header.Cmd)
        {
            case V720Cmd.Jpeg or V720Cmd.G711ALaw or V720Cmd.Pcm:
                if (_peers.TryGetValue(from, out var channel))
                {
                    if (channel.OnMediaPacket(header, payload))
                    {
                        // First end of frame: an empty 605 at once, then the ticker's cadence (§6.3).
                        SendTo(socket, AckCollector.EmptyConfirmation(), from);
                        channel.CountAcknowledgementSent();
                        _acking[channel] = 0;
                    }
                }
                else
                {
                    Interlocked.Increment(ref _unknownPeerPackets);
                }
                break;
            case V720Cmd.Json:
                HandleJson(socket, payload, from);
                break;
            default:
                // UDP heartbeats, pongs and the like need no answer.
                break;
        }
    }

    private void HandleJson(Socket socket, ReadOnlySpan<byte> payload, SocketAddress from)
    {
        using var document = V720Json.TryParseObject(payload);
        if (document is null)
        {
            Interlocked.Increment(ref _garbageDatagrams);
            return;
        }
        var root = document.RootElement;
        switch (V720Json.GetCode(root))
        {
            case V720Code.UdpRequest:
                var endPoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(from);
                if (!registry.HasConnectionFrom(endPoint.Address))
                {
                    // Answered only towards an address a camera's control connection comes from: no reflection.
                    Interlocked.Increment(ref _unknownPeerPackets);
                    break;
                }
                SendTo(socket, V720Writer.JsonToArray(V720Messages.UdpResponse(endPoint.Address.ToString(), endPoint.Port)), from);
                break;
            case V720Code.ProbeResponse:
                HandleProbe(socket, root, from);
                break;
        }
    }

    private void HandleProbe(Socket socket, JsonElement root, SocketAddress from)
    {
        var uid = V720Json.GetString(root, "devTarget");
        if (uid is null || registry.Find(uid) is not { } session)
        {
            Interlocked.Increment(ref _unknownPeerPackets);
            return;
        }

        var channel = session.Media;
        if (!IsFrom(session.RemoteAddress, from))
        {
            // A forged probe naming a camera it is not: no rebinding of its media, and no answer to reflect anywhere.
            channel.CountProbeFromOtherAddress();
            return;
        }
        var peer = Copy(from);
        if (!channel.TryAcceptProbe(peer, out var previous))
        {
            // Past this start's few answers: silence ends the camera's 51-after-every-50 exchange.
            return;
        }
        if (previous is not null && !previous.Equals(peer))
        {
            _peers.TryRemove(new KeyValuePair<SocketAddress, V720MediaChannel>(previous, channel));
        }
        _peers[peer] = channel;
        SendTo(socket, V720Writer.JsonToArray(V720Messages.ProbeRequest()), peer);
        session.OnProbeResponse();
    }

    private async Task AckLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.AckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (_socket is not { } socket)
                {
                    continue;
                }
                foreach (var channel in _acking.Keys)
                {
                    var (peer, datagrams) = channel.TakeAcknowledgements();
                    if (peer is null)
                    {
                        continue;
                    }
                    foreach (var datagram in datagrams)
                    {
                        SendTo(socket, datagram, peer);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void SendTo(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        try
        {
            socket.SendTo(datagram, SocketFlags.None, to);
        }
        catch (SocketException ex)
        {
            // A full send buffer or an unreachable peer loses one datagram; the protocol tolerates loss.
            EdgeLog.UdpSendFailed(logger, ex.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static bool IsFrom(IPAddress? expected, SocketAddress from) =>
        expected is not null && ((IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(from)).Address.Equals(expected);

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
