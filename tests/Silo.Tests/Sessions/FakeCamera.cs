using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using CameraCloud.Codecs.V720;
using CameraCloud.Silo.Tests.Runtime;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>
/// The camera's end of an in-memory control connection, speaking through the codec. Every read has a
/// timeout, so a session that stays silent fails the test instead of hanging it.
/// </summary>
internal sealed class FakeCamera(PipeWriter toSession, PipeReader fromSession)
{
    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await toSession.WriteAsync(bytes, timeout.Token);
    }

    /// <summary>Sends a cmd 0 message with the camera's all-zero forward id.</summary>
    public Task SendJsonAsync(string json) =>
        SendAsync(V720Writer.ToArray(V720Cmd.Json, System.Text.Encoding.UTF8.GetBytes(json), forwardId: 0));

    public Task SendHeartbeatAsync() => SendAsync(CapturedBytes.Heartbeat);

    /// <summary>Sends <paramref name="bytes"/> one byte per write and flush.</summary>
    public async Task SendByteByByteAsync(ReadOnlyMemory<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            await SendAsync(bytes.Slice(i, 1));
        }
    }

    /// <summary>The camera's hand-formatted 100 for <paramref name="uid"/>.</summary>
    public Task SendRegisterAsync(string uid) =>
        SendJsonAsync($$"""{"code": 100, "uid": "{{uid}}", "token": "91edf41f" ,"domain": "v720.naxclow.com"}""");

    /// <summary>The camera's 301 answer to 301/4: base info, hand-formatted as FW 202212011602 writes it.</summary>
    public Task SendBaseInfoAsync(string target) =>
        SendJsonAsync($$"""{"code": 301, "target": "{{target}}", "content":  {"code": 4, "IrLed": 1, "devPower": 100, "speedGrade": 1, "moveAlert": 0, "sdMoveMode": 0, "wifiName": "lab", "instLed": 1, "sdDevStatus": 0, "mirrorFlip": 0, "version": "202212011602"} }""");

    /// <summary>The next whole message from the session, exactly as it was written (header and payload).</summary>
    public async Task<byte[]> ReceiveBytesAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            ReadResult result = await fromSession.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            var status = V720StreamReader.TryRead(ref buffer, V720StreamReader.DefaultMaxPayload, out _);
            if (status == V720ReadStatus.Message)
            {
                byte[] bytes = result.Buffer.Slice(0, buffer.Start).ToArray();
                // Consumed up to the message's end, nothing examined beyond: the next read sees the rest at once.
                fromSession.AdvanceTo(buffer.Start);
                return bytes;
            }

            fromSession.AdvanceTo(buffer.Start, buffer.End);
            Assert.True(status == V720ReadStatus.NeedMoreData, "the session wrote an invalid header");
            Assert.False(result.IsCompleted, "the session closed its output mid-message or before writing");
        }
    }

    /// <summary>The next whole message from the session, parsed.</summary>
    public async Task<V720Message> ReceiveAsync()
    {
        var buffer = new ReadOnlySequence<byte>(await ReceiveBytesAsync());
        Assert.Equal(V720ReadStatus.Message, V720StreamReader.TryRead(ref buffer, V720StreamReader.DefaultMaxPayload, out var message));
        return message!;
    }

    /// <summary>The next message, which must be JSON (cmd 0) with our forward id; returns its parsed root.</summary>
    public async Task<JsonElement> ReceiveJsonAsync()
    {
        V720Message message = await ReceiveAsync();
        Assert.Equal(V720Cmd.Json, message.Cmd);
        Assert.Equal(V720Header.AsciiZeroForwardId, message.Header.ForwardId);
        Assert.Equal((uint)message.Payload.Length, message.Header.PayloadLength);
        using JsonDocument document = JsonDocument.Parse(message.Payload);
        return document.RootElement.Clone();
    }

    /// <summary>The next message must be a 301 whose content is exactly <paramref name="content"/>; returns the target.</summary>
    public async Task<string> ReceiveForwardAsync(string content)
    {
        JsonElement root = await ReceiveJsonAsync();
        Assert.Equal(301, root.GetProperty("code").GetInt32());
        Assert.Equal(content, root.GetProperty("content").GetRawText());
        return root.GetProperty("target").GetString()!;
    }

    /// <summary>
    /// Proves the session queued nothing since the last message read: a heartbeat goes in, and the very
    /// next message out must be its answer (one writer queue keeps the session's order).
    /// </summary>
    public async Task ExpectNothingBeforeHeartbeatReplyAsync()
    {
        await SendHeartbeatAsync();
        V720Message next = await ReceiveAsync();
        Assert.True(next.Cmd == V720Cmd.Heartbeat,
            $"expected only the heartbeat answer, got cmd {next.Cmd}: {V720Json.Utf8(next.Payload.Span)}");
    }

    public ValueTask CloseAsync() => toSession.CompleteAsync();
}
