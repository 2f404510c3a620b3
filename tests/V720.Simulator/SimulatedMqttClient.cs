using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using CameraCloud.Codecs.V720.Mqtt;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// The camera's MQTT side channel (spec §7): CONNECT with client id and username = uid, a per-boot
/// password in literal quotes, keepalive 10 s and a will; SUBSCRIBE to its command topic; PUBLISH Status
/// and Info; PINGREQ every keepalive.
/// </summary>
internal sealed class SimulatedMqttClient : IAsyncDisposable
{
    private const ushort KeepAliveSeconds = 10;

    private readonly TcpClient _tcp;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _pingGate = new();
    private TaskCompletionSource _pong = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _readLoop = Task.CompletedTask;
    private Task _keepAlive = Task.CompletedTask;
    private long _publishes;

    private PipeReader? _input;
    private Stream? _output;

    private SimulatedMqttClient(TcpClient tcp) => _tcp = tcp;

    public long Publishes => Interlocked.Read(ref _publishes);

    public static async Task<SimulatedMqttClient> ConnectAsync(string host, int port, string uid, string firmware, Random random, CancellationToken ct)
    {
        var tcp = new TcpClient { NoDelay = true };
        var client = new SimulatedMqttClient(tcp);
        try
        {
            await tcp.ConnectAsync(host, port, ct).ConfigureAwait(false);
            client._output = tcp.GetStream();
            client._input = PipeReader.Create(tcp.GetStream());
            var password = "\"" + Convert.ToHexStringLower(RandomBytes(random, 5)) + "\"";
            var will = Encoding.ASCII.GetBytes($"{{\"device\":\"{uid}\",\"token\":\"NAXCLOW\",\"status\": 0}}");
            await client.WriteAsync(w => MqttPacketWriter.WriteConnect(w, uid, uid, password, KeepAliveSeconds, cleanSession: true,
                MqttTopics.DeviceStatus, will, willQoS: 1), ct).ConfigureAwait(false);
            if (await client.ReadPacketAsync(ct).ConfigureAwait(false) is not MqttConnAck { ReturnCode: 0 })
            {
                throw new SimulatedCameraException($"MQTT {host}:{port} did not accept the CONNECT of {uid}");
            }
            await client.WriteAsync(w => MqttPacketWriter.WriteSubscribe(w, 1, [new MqttSubscription(MqttTopics.DeviceCommand(uid), 1)]), ct).ConfigureAwait(false);
            if (await client.ReadPacketAsync(ct).ConfigureAwait(false) is not MqttSubAck)
            {
                throw new SimulatedCameraException($"MQTT {host}:{port} did not answer the SUBSCRIBE of {uid}");
            }
            client._readLoop = client.ReadLoopAsync(client._closed.Token);
            client._keepAlive = client.KeepAliveAsync(client._closed.Token);
            await client.PublishAsync(MqttTopics.DeviceStatus, $"{{\"device\":\"{uid}\",\"token\":\"NAXCLOW\",\"status\": 1}}", ct).ConfigureAwait(false);
            await client.PublishAsync(MqttTopics.DeviceInfo,
                $"{{\"apStatus\": 0,\"devPower\": 100,\"sdCapacity\": 60,\"IrLed\": 0,\"cameraState\": 0,\"sd_State\": 1,\"sdMoveMode\": 0,\"instLed\": 1,\"random\":\"HIJKLM\",\"token\":\"f8c7a5810f\",\"devicesCode\":\"{uid}\",\"wifiName\":\"sim\",\"version\":\"{firmware}\"}}",
                ct).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>PINGREQ and wait for PINGRESP: the broker has handled everything sent before.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        Task pong;
        lock (_pingGate)
        {
            if (_pong.Task.IsCompleted)
            {
                _pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            pong = _pong.Task;
        }
        await WriteAsync(MqttPacketWriter.WritePingReq, ct).ConfigureAwait(false);
        await pong.WaitAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync().ConfigureAwait(false);
        _tcp.Dispose();
        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _keepAlive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _closed.Dispose();
    }

    private async Task PublishAsync(string topic, string json, CancellationToken ct)
    {
        await WriteAsync(w => MqttPacketWriter.WritePublish(w, topic, Encoding.UTF8.GetBytes(json)), ct).ConfigureAwait(false);
        Interlocked.Increment(ref _publishes);
    }

    private async Task KeepAliveAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(KeepAliveSeconds));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            await WriteAsync(MqttPacketWriter.WritePingReq, ct).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (await ReadPacketAsync(ct).ConfigureAwait(false) is { } packet)
        {
            if (packet is MqttPingResponse)
            {
                lock (_pingGate)
                {
                    _pong.TrySetResult();
                }
            }
        }
    }

    private async Task<MqttPacket?> ReadPacketAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await _input!.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = MqttPacketReader.TryRead(ref buffer, MqttPacketReader.DefaultMaxPacketSize, out var packet);
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (status == MqttReadStatus.Packet)
            {
                return packet;
            }
            if (status == MqttReadStatus.Invalid)
            {
                throw new SimulatedCameraException("MQTT: the broker sent a malformed packet");
            }
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    private async Task WriteAsync(Action<IBufferWriter<byte>> write, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        write(buffer);
        await _writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _output!.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
