using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Codecs.V720.Mqtt;
using CameraCloud.Edge.V720;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Edge.Mqtt;

/// <summary>
/// The MQTT side channel (§7) as a minimal MQTT 3.1.1 endpoint: enough for what a camera does (CONNECT
/// with any credentials, SUBSCRIBE, PUBLISH Status/Info, PINGREQ). It is not a general broker: nothing is
/// routed between clients; the camera's Status and Info publishes update its grain. A publish speaks only for a
/// camera registered on this node whose control connection comes from the same IP as the MQTT connection (NAT keeps
/// them equal), so no MQTT client can write another camera's record, and an unknown id creates nothing.
/// </summary>
public sealed class MqttConnectionHandler(IGrainFactory grains, V720SessionRegistry cameras, EdgeShutdown shutdown, ILogger<MqttConnectionHandler> logger)
    : ConnectionHandler
{
    /// <summary>Time a new connection gets to send CONNECT.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Cameras send small JSON; anything bigger is not a camera.</summary>
    private const int MaxPacketSize = 16 * 1024;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var remote = connection.RemoteEndPoint?.ToString() ?? "unknown";
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        string? clientId = null;
        var timeout = ConnectTimeout;
        var input = connection.Transport.Input;
        var output = connection.Transport.Output;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, shutdown.Token);
        try
        {
            while (true)
            {
                idle.CancelAfter(timeout);
                var result = await input.ReadAsync(idle.Token);
                var buffer = result.Buffer;
                MqttReadStatus status;
                try
                {
                    while ((status = MqttPacketReader.TryRead(ref buffer, MaxPacketSize, out var packet)) == MqttReadStatus.Packet)
                    {
                        if (clientId is null && packet is not MqttConnect)
                        {
                            MqttLog.ProtocolViolation(logger, remote, "first packet is not CONNECT");
                            return;
                        }
                        switch (packet)
                        {
                            case MqttConnect connect:
                                if (clientId is not null)
                                {
                                    MqttLog.ProtocolViolation(logger, remote, "second CONNECT");
                                    return;
                                }
                                if (connect.ProtocolLevel is not (MqttConnect.Level311 or MqttConnect.Level31))
                                {
                                    MqttPacketWriter.WriteConnAck(output, sessionPresent: false, MqttConnectReturnCode.UnacceptableProtocolVersion);
                                    await output.FlushAsync(idle.Token);
                                    MqttLog.ProtocolViolation(logger, remote, $"protocol level {connect.ProtocolLevel}");
                                    return;
                                }
                                // Any credentials: each camera has its own password and nobody knows how it is derived (§7).
                                clientId = connect.ClientId;
                                // Keepalive × 1.5 is the MQTT rule for declaring a client dead.
                                timeout = connect.KeepAliveSeconds == 0 ? TimeSpan.FromMinutes(10) : TimeSpan.FromSeconds(connect.KeepAliveSeconds * 1.5);
                                MqttPacketWriter.WriteConnAck(output, sessionPresent: false, MqttConnectReturnCode.Accepted);
                                MqttLog.Connected(logger, Logging.UntrustedText.ForLog(clientId), remote);
                                break;
                            case MqttSubscribe subscribe:
                                MqttPacketWriter.WriteSubAck(output, subscribe.PacketId, subscribe.Subscriptions.Select(s => Math.Min(s.QoS, (byte)1)).ToList());
                                break;
                            case MqttUnsubscribe unsubscribe:
                                MqttPacketWriter.WriteUnsubAck(output, unsubscribe.PacketId);
                                break;
                            case MqttPublish publish:
                                if (publish.PacketId is { } packetId)
                                {
                                    if (publish.QoS == 1)
                                    {
                                        MqttPacketWriter.WritePubAck(output, packetId);
                                    }
                                    else
                                    {
                                        MqttPacketWriter.WritePubRec(output, packetId);
                                    }
                                }
                                await OnPublishAsync(clientId!, address, publish, idle.Token);
                                break;
                            case MqttPubRel release:
                                MqttPacketWriter.WritePubComp(output, release.PacketId);
                                break;
                            case MqttPingRequest:
                                MqttPacketWriter.WritePingResp(output);
                                break;
                            case MqttDisconnect:
                                return;
                        }
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (status == MqttReadStatus.Invalid)
                {
                    MqttLog.ProtocolViolation(logger, remote, "malformed packet");
                    return;
                }
                await output.FlushAsync(idle.Token);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!connection.ConnectionClosed.IsCancellationRequested && !shutdown.Token.IsCancellationRequested)
        {
            MqttLog.TimedOut(logger, clientId is null ? remote : Logging.UntrustedText.ForLog(clientId));
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            MqttLog.Disconnected(logger, clientId is null ? remote : Logging.UntrustedText.ForLog(clientId));
        }
    }

    private async Task OnPublishAsync(string clientId, IPAddress? address, MqttPublish publish, CancellationToken cancellationToken)
    {
        var payload = publish.Payload.Span;
        switch (publish.Topic)
        {
            case MqttTopics.DeviceStatus when MqttTopics.TryGetDeviceFromStatusPayload(payload, out var device, out var status) && CameraId.TryNormalize(device, out var cameraId):
                if (SpeaksFor(cameraId, address, clientId))
                {
                    await grains.GetGrain<ICameraGrain>(cameraId).MqttStatusReportedAsync(status, cancellationToken);
                }
                break;
            case MqttTopics.DeviceInfo when MqttTopics.TryGetDeviceFromInfoPayload(payload, out var device) && CameraId.TryNormalize(device, out var cameraId):
                if (SpeaksFor(cameraId, address, clientId))
                {
                    await grains.GetGrain<ICameraGrain>(cameraId).MqttInfoReportedAsync(Encoding.UTF8.GetString(payload).TrimEnd('\0', ' ', '\r', '\n'), cancellationToken);
                }
                break;
            case MqttTopics.DeviceStatus or MqttTopics.DeviceInfo:
                MqttLog.PayloadInvalid(logger, Logging.UntrustedText.ForLog(clientId), Logging.UntrustedText.ForLog(publish.Topic));
                break;
        }
    }

    /// <summary>True when <paramref name="cameraId"/> is registered here over a control connection from <paramref name="address"/>.</summary>
    private bool SpeaksFor(string cameraId, IPAddress? address, string clientId)
    {
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }
        if (address is not null && cameras.Find(cameraId)?.RemoteAddress is { } control && control.Equals(address))
        {
            return true;
        }
        MqttLog.PublishRefused(logger, Logging.UntrustedText.ForLog(clientId), cameraId);
        return false;
    }
}
