using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Connection;
using CameraCloud.Agent.Logging;
using CameraCloud.TestSupport;

namespace CameraCloud.Agent.Tests;

public sealed class AgentSupervisorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider _time = new();
    private readonly StringWriter _log = new();
    private readonly ScriptedDialer _dialer = new();
    private readonly ScriptedSession _session = new();
    private readonly FixedAddressProbe _probe = new("192.168.1.64");
    private readonly AgentState _state;
    private readonly AgentSupervisor _supervisor;

    public AgentSupervisorTests()
    {
        var config = new AgentConfig(new Uri("ws://cloud.example:8080/agent/connect"), "cam-porch", "porch-token-0123456789abcdef", null,
            AgentLogLevel.Debug, [new AgentTarget("rtsp", "127.0.0.1", 554)], null);
        _state = new AgentState(config, _time);
        _supervisor = new AgentSupervisor(_state, _dialer, _session, _probe, new AgentLog(_log, _time), _time, new Random(1234));
    }

    private static SessionOutcome Ended(SessionEndKind kind) => new(kind, $"scripted {kind}");

    private static async Task<SessionOutcome> UntilStopped(CancellationToken ct)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        return Ended(SessionEndKind.Closed);
    }

    /// <summary>Waits for the loop's next backoff, checks its bounds, and lets it pass.</summary>
    private async Task<TimeSpan> PassBackoffAsync(double minSeconds, double maxSeconds)
    {
        var delay = await _time.NextOneShotAsync();
        Assert.InRange(delay, TimeSpan.FromSeconds(minSeconds), TimeSpan.FromSeconds(maxSeconds));
        _time.Advance(delay);
        return delay;
    }

    [Fact]
    public async Task An_unreachable_server_at_first_start_is_retried_with_growing_delays_until_it_answers()
    {
        _dialer.Fail(DialFailure.Unreachable);
        _dialer.Fail(DialFailure.Unreachable);
        _dialer.Fail(DialFailure.Unreachable);
        _dialer.Succeed();
        _session.Runs.Enqueue((context, _) =>
        {
            context.Established("s1");
            return Task.FromResult(Ended(SessionEndKind.Revoked));
        });

        var run = _supervisor.RunAsync(CancellationToken.None);
        await PassBackoffAsync(0.5, 1);
        await PassBackoffAsync(1, 2);
        await PassBackoffAsync(2, 4);

        Assert.Equal(AgentExitCodes.Revoked, await run.WaitAsync(Bound));
        Assert.Equal(4, _dialer.Dialed.Count);
        var log = _log.ToString();
        Assert.Equal(3, log.Split("WARN cannot connect to ws://cloud.example:8080/agent/connect: scripted Unreachable").Length - 1);
        Assert.Contains("INFO connected to ws://cloud.example:8080/agent/connect as cam-porch (local 192.168.1.64, session s1)", log, StringComparison.Ordinal);
        Assert.Contains("ERROR the server revoked agent cam-porch", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_is_retried_at_the_cap_and_logged()
    {
        _dialer.Fail(DialFailure.Unauthorized);
        _dialer.Fail(DialFailure.Unauthorized);
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        await PassBackoffAsync(15, 30);
        await PassBackoffAsync(15, 30);
        await _time.NextOneShotAsync();
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
        Assert.Contains("ERROR token rejected by ws://cloud.example:8080/agent/connect for agent cam-porch", _log.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("INFO stopped", _log.ToString().TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_from_a_rate_limit_is_honoured()
    {
        _dialer.Fail(DialFailure.RateLimited, TimeSpan.FromSeconds(120));
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        Assert.Equal(TimeSpan.FromSeconds(120), await _time.NextOneShotAsync());
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_session_of_a_minute_resets_the_backoff()
    {
        _dialer.Fail(DialFailure.Unreachable);
        _dialer.Fail(DialFailure.Unreachable);
        _dialer.Fail(DialFailure.Unreachable);
        _dialer.Succeed();
        _session.Runs.Enqueue((context, _) =>
        {
            context.Established("long");
            _time.Advance(TimeSpan.FromSeconds(61));
            return Task.FromResult(Ended(SessionEndKind.ServerShutdown));
        });
        _dialer.Succeed();
        _session.Runs.Enqueue((context, _) =>
        {
            context.Established("short");
            _time.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(Ended(SessionEndKind.Closed));
        });
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        await PassBackoffAsync(0.5, 1);
        await PassBackoffAsync(1, 2);
        await PassBackoffAsync(2, 4);
        await PassBackoffAsync(0.5, 1);
        await PassBackoffAsync(1, 2);
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
        Assert.Contains("INFO the server is shutting down (scripted ServerShutdown)", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_from_the_server_exits_with_75()
    {
        _dialer.Succeed();
        _session.Runs.Enqueue((context, ct) =>
        {
            context.Established("s");
            context.Stop.Request(AgentAction.Restart, "restart requested by the server", TimeSpan.Zero);
            return UntilStopped(ct);
        });

        Assert.Equal(AgentExitCodes.Restart, await _supervisor.RunAsync(CancellationToken.None).WaitAsync(Bound));
        Assert.Contains("restart requested by the server: exiting with 75", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_dials_the_new_server_next()
    {
        var other = new Uri("wss://other.example/agent/connect");
        _dialer.Succeed();
        _session.Runs.Enqueue((context, ct) =>
        {
            context.Established("s");
            _state.Server = other;
            context.Stop.Request(AgentAction.Redirect, $"redirected to {other}", TimeSpan.Zero);
            return UntilStopped(ct);
        });
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        await PassBackoffAsync(0.5, 1);
        await PassBackoffAsync(1, 2);
        await _time.NextOneShotAsync();
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
        Assert.Equal([new Uri("ws://cloud.example:8080/agent/connect"), other, other], _dialer.Dialed);
    }

    [Fact]
    public async Task A_changed_local_address_ends_the_session_and_the_next_hello_has_the_new_one()
    {
        _dialer.Succeed();
        _session.Runs.Enqueue((context, ct) =>
        {
            context.Established("s");
            _probe.Address = "192.168.1.99";
            _time.Advance(AgentSupervisor.AddressCheckInterval);
            return UntilStopped(ct);
        });
        _dialer.Succeed();
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        await _session.NextStartedAsync();
        await PassBackoffAsync(0.5, 1);
        await _session.NextStartedAsync();
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
        Assert.Equal(["192.168.1.64", "192.168.1.99"], _session.Contexts.Select(c => c.LocalIp));
        Assert.Contains("session ended: local address changed from 192.168.1.64 to 192.168.1.99", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_handshake_and_an_eviction_are_logged_and_retried()
    {
        _dialer.Succeed();
        _session.Runs.Enqueue((_, _) => throw new InvalidDataException("no WELCOME"));
        _dialer.Succeed();
        _session.Runs.Enqueue((context, _) =>
        {
            context.Established("s");
            return Task.FromResult(Ended(SessionEndKind.Evicted));
        });
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        await PassBackoffAsync(0.5, 1);
        await PassBackoffAsync(1, 2);
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
        var log = _log.ToString();
        Assert.Contains("WARN session with ws://cloud.example:8080/agent/connect failed: no WELCOME", log, StringComparison.Ordinal);
        Assert.Contains("WARN evicted: a newer connection of cam-porch took over", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_during_a_session_closes_it_and_exits_0()
    {
        _dialer.Succeed();
        using var stop = new CancellationTokenSource();

        var run = _supervisor.RunAsync(stop.Token);
        var context = await _session.NextStartedAsync();
        stop.Cancel();

        Assert.Equal(AgentExitCodes.Ok, await run.WaitAsync(Bound));
        Assert.True(context.Stop.Token.IsCancellationRequested);
    }
}
