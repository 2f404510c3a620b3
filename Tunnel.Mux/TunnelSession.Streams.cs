using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel;

public sealed partial class TunnelSession
{
    /// <summary>
    /// Server side: sends OPEN for <paramref name="target"/> and waits (OpenTimeout) for OPEN_OK.
    /// Throws <see cref="TunnelStreamException"/> on RESET (the agent's code), on timeout (TIMEOUT,
    /// and the stream is reset) or at the stream limit (TOO_MANY_STREAMS);
    /// <see cref="TunnelSessionClosedException"/> once the session has ended.
    /// </summary>
    public async Task<TunnelStream> OpenStreamAsync(string target, CancellationToken ct)
    {
        if (!isServer)
        {
            throw new InvalidOperationException("Only the server opens streams.");
        }
        if (TunnelMessages.ValidateOpen(new OpenMessage(target)) is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(target));
        }
        var openJson = TunnelMessages.Serialize(new OpenMessage(target));
        TunnelStream stream;
        lock (gate)
        {
            if (endKind is not null)
            {
                throw new TunnelSessionClosedException("The tunnel session has ended.");
            }
            if (streams.Count >= maxStreams)
            {
                throw new TunnelStreamException(TunnelErrorCode.TooManyStreams, $"{maxStreams} streams are open on this session");
            }
            stream = new TunnelStream(this, ++highestStreamId, target, initialWindow, maxDataPayload, time.GetUtcNow(), awaitOpenOk: true);
            streams.Add(stream.StreamId, stream);
        }
        StreamFailure? failure;
        try
        {
            var frame = JsonFrame(TunnelFrameType.Open, stream.StreamId, openJson);
            await outbound.EnqueueAsync(frame, isControl: true, ct).ConfigureAwait(false);
            failure = await stream.WhenOpened.WaitAsync(options.OpenTimeout, time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var reason = $"no answer to OPEN '{target}' within {options.OpenTimeout.TotalSeconds:0.###} s";
            stream.Abort(TunnelErrorCode.Timeout, reason);
            throw new TunnelStreamException(TunnelErrorCode.Timeout, reason);
        }
        catch (OperationCanceledException)
        {
            stream.Abort(TunnelErrorCode.Cancelled, "the open was cancelled");
            throw;
        }
        catch (TunnelSessionClosedException)
        {
            RemoveStream(stream);
            throw;
        }
        if (failure is not null)
        {
            RemoveStream(stream);
            throw failure.ToException();
        }
        Interlocked.Increment(ref streamsOpened);
        return stream;
    }

    private void HandleOpenOk(uint streamId)
    {
        if (!isServer)
        {
            throw new TunnelProtocolException("OPEN_OK from the server; only the agent answers OPEN");
        }
        var stream = FindStream(streamId, TunnelFrameType.OpenOk);
        if (stream is not null && !stream.OnOpenOk() && !stream.IsReset)
        {
            throw new TunnelProtocolException($"OPEN_OK for stream {streamId}, which is already open");
        }
    }

    /// <summary>Agent side: a new stream. Refusals are answered with RESET; a good OPEN starts a task that connects and splices.</summary>
    private async ValueTask HandleOpenAsync(uint streamId, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        if (isServer)
        {
            throw new TunnelProtocolException("OPEN from the agent; only the server opens streams");
        }
        lock (gate)
        {
            if (streamId <= highestStreamId)
            {
                throw new TunnelProtocolException($"OPEN of stream {streamId}; ids must increase (the last was {highestStreamId})");
            }
            highestStreamId = streamId;
        }
        var open = TunnelMessages.TryDeserializeOpen(payload.Span, out var error);
        if (open is null)
        {
            await SendControlFrameAsync(ErrorFrame(TunnelFrameType.Reset, streamId, TunnelErrorCode.ProtocolError, $"bad OPEN: {error}"), ct).ConfigureAwait(false);
            return;
        }
        TunnelStream? stream = null;
        var connect = ConnectTarget;
        TunnelErrorCode refusal = TunnelErrorCode.TooManyStreams;
        string? why = null;
        lock (gate)
        {
            if (streams.Count >= maxStreams)
            {
                why = $"{maxStreams} streams are open on this agent";
            }
            else if (connect is null)
            {
                refusal = TunnelErrorCode.UnknownTarget;
                why = "this agent has no targets";
            }
            else if (TryStartBackground())
            {
                stream = new TunnelStream(this, streamId, open.Target, initialWindow, maxDataPayload, time.GetUtcNow(), awaitOpenOk: false);
                streams.Add(streamId, stream);
            }
            else
            {
                return;
            }
        }
        if (stream is null)
        {
            await SendControlFrameAsync(ErrorFrame(TunnelFrameType.Reset, streamId, refusal, why), ct).ConfigureAwait(false);
            return;
        }
        _ = RunAgentStreamAsync(stream, connect!);
    }

    /// <summary>Agent side: connect the target (OpenTimeout), answer OPEN_OK, splice until both directions end.</summary>
    private async Task RunAgentStreamAsync(TunnelStream stream, Func<string, CancellationToken, Task<Stream>> connect)
    {
        var ct = lifetime.Token;
        Stream? target = null;
        try
        {
            target = await ConnectTargetAsync(stream, connect, ct).ConfigureAwait(false);
            if (target is null || stream.IsReset)
            {
                return;
            }
            await outbound.EnqueueAsync(Frame(TunnelFrameType.OpenOk, stream.StreamId, []), isControl: true, ct).ConfigureAwait(false);
            Interlocked.Increment(ref streamsOpened);
            await StreamSplice.RunAsync(target, stream, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The splice has reset the stream, or the session is ending and has failed it; either way
            // the peer has been told (or the session is gone) and there is no caller to tell.
        }
        finally
        {
            if (target is not null)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }
            await stream.DisposeAsync().ConfigureAwait(false);
            BackgroundDone();
        }
    }

    /// <summary>The connected target, or null after answering RESET.</summary>
    private async Task<Stream?> ConnectTargetAsync(TunnelStream stream, Func<string, CancellationToken, Task<Stream>> connect, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(options.OpenTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        Task<Stream>? connecting = null;
        try
        {
            connecting = connect(stream.Target, linked.Token);
            return await connecting.WaitAsync(options.OpenTimeout, time, ct).ConfigureAwait(false);
        }
        catch (TunnelStreamException e)
        {
            stream.Abort(e.Code, e.Reason);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TimeoutException || deadline.IsCancellationRequested)
        {
            // A connect that ignores its token may still succeed later: close what it returns.
            _ = connecting?.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            stream.Abort(TunnelErrorCode.TargetUnreachable,
                $"connecting to '{stream.Target}' took longer than {options.OpenTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e)
        {
            stream.Abort(TunnelErrorCode.TargetUnreachable, e.Message);
        }
        return null;
    }
}
