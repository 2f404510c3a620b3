namespace CameraCloud.Agent.Connection;

/// <summary>
/// Reconnect delays: 1 s doubling to a 30 s cap, each delay uniformly random between half and all of
/// the step ("equal jitter") so that agents cut off together by a server restart do not dial back in
/// one burst. A session that lived a minute resets it. Pure: the random source is injected.
/// </summary>
public sealed class Backoff(Random random)
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ResetAfter = TimeSpan.FromSeconds(60);

    private TimeSpan _step = Initial;

    /// <summary>The upper bound of the next delay.</summary>
    public TimeSpan Step => _step;

    /// <summary>The next delay, in [step/2, step]; the step then doubles up to the cap.</summary>
    public TimeSpan Next()
    {
        var step = _step;
        _step = step * 2 < Cap ? step * 2 : Cap;
        var half = step / 2;
        return half + (step - half) * random.NextDouble();
    }

    public void Reset() => _step = Initial;

    /// <summary>Jumps to the cap: for failures that retrying sooner cannot fix (a rejected token).</summary>
    public void Saturate() => _step = Cap;

    /// <summary>Resets after a session that lived at least <see cref="ResetAfter"/>: the link was good, so the next break is news.</summary>
    public void SessionEnded(TimeSpan lived)
    {
        if (lived >= ResetAfter)
        {
            Reset();
        }
    }
}
