using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

public sealed partial class TunnelSession
{
    /// <summary>
    /// Server side: sends CONTROL (the session assigns the id) and waits (ControlTimeout) for the
    /// CONTROL_RESULT with that id. Throws <see cref="TimeoutException"/> when none comes in time,
    /// <see cref="TunnelSessionClosedException"/> once the session has ended.
    /// </summary>
    public async Task<ControlResultMessage> SendControlAsync(string command, IReadOnlyList<TargetMessage>? targets, string? url, CancellationToken ct)
    {
        if (!isServer)
        {
            throw new InvalidOperationException("Only the server sends control requests.");
        }
        long id = Interlocked.Increment(ref nextControlId);
        var request = new ControlRequestMessage(id, command, targets, url);
        if (TunnelMessages.ValidateControlRequest(request) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(command));
        }
        var frame = JsonFrame(TunnelFrameType.Control, 0, TunnelMessages.Serialize(request));
        // Completes with null when the session ends: no exception is ever left unobserved.
        var answer = new TaskCompletionSource<ControlResultMessage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pendingControls[id] = answer;
        try
        {
            if (IsEnding)
            {
                frame.Release();
                throw new TunnelSessionClosedException("The tunnel session has ended.");
            }
            await outbound.EnqueueAsync(frame, isControl: true, ct).ConfigureAwait(false);
            return await answer.Task.WaitAsync(options.ControlTimeout, time, ct).ConfigureAwait(false)
                ?? throw new TunnelSessionClosedException($"The tunnel session ended before '{command}' was answered.");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no CONTROL_RESULT for '{command}' (id {id}) within {options.ControlTimeout.TotalSeconds:0.###} s");
        }
        finally
        {
            pendingControls.TryRemove(id, out _);
        }
    }

    /// <summary>Agent side: CONTROL. A request we cannot read at all (no id to answer) is a protocol error; one that reads but does not validate is answered ok:false.</summary>
    private async ValueTask HandleControlAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        if (isServer)
        {
            throw new TunnelProtocolException("CONTROL from the agent; only the server sends control requests");
        }
        var request = TunnelMessages.TryDeserialize(payload.Span, TunnelJsonContext.Default.ControlRequestMessage, out var error)
            ?? throw new TunnelProtocolException($"bad CONTROL: {error}");
        if (TunnelMessages.ValidateControlRequest(request) is { } invalid)
        {
            await SendControlResultAsync(new ControlResultMessage(request.Id, false, invalid), ct).ConfigureAwait(false);
            return;
        }
        var handler = ControlHandler;
        if (handler is null)
        {
            await SendControlResultAsync(new ControlResultMessage(request.Id, false, "unsupported"), ct).ConfigureAwait(false);
            return;
        }
        bool started;
        lock (gate)
        {
            started = activeControls < options.MaxConcurrentControls && TryStartBackground();
            if (started)
            {
                activeControls++;
            }
        }
        if (!started)
        {
            await SendControlResultAsync(new ControlResultMessage(request.Id, false, "busy"), ct).ConfigureAwait(false);
            return;
        }
        _ = RunControlAsync(handler, request);
    }

    private async Task RunControlAsync(Func<ControlRequestMessage, CancellationToken, Task<ControlResultMessage>> handler, ControlRequestMessage request)
    {
        var ct = lifetime.Token;
        try
        {
            ControlResultMessage result;
            try
            {
                result = await handler(request, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                result = new ControlResultMessage(request.Id, false, e.Message);
            }
            result = result with { Id = request.Id };
            await SendControlResultAsync(result, ct).ConfigureAwait(false);
            ControlAnswered?.Invoke(request, result);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The session ended while the result waited for a slot.
        }
        finally
        {
            lock (gate)
            {
                activeControls--;
            }
            BackgroundDone();
        }
    }

    private ValueTask SendControlResultAsync(ControlResultMessage result, CancellationToken ct)
    {
        var json = TunnelMessages.Serialize(result);
        if (json.Length > TunnelLimits.MaxJsonPayload)
        {
            json = TunnelMessages.Serialize(new ControlResultMessage(result.Id, false,
                $"the result is {json.Length} bytes, over the {TunnelLimits.MaxJsonPayload}-byte limit"));
        }
        return SendControlFrameAsync(Frame(TunnelFrameType.ControlResult, 0, json), ct);
    }

    /// <summary>Server side: CONTROL_RESULT. One for a request that timed out is dropped.</summary>
    private void HandleControlResult(ReadOnlyMemory<byte> payload)
    {
        if (!isServer)
        {
            throw new TunnelProtocolException("CONTROL_RESULT from the server; only the agent answers control requests");
        }
        var result = TunnelMessages.TryDeserializeControlResult(payload.Span, out var error)
            ?? throw new TunnelProtocolException($"bad CONTROL_RESULT: {error}");
        if (pendingControls.TryGetValue(result.Id, out var pending))
        {
            pending.TrySetResult(result);
        }
    }
}
