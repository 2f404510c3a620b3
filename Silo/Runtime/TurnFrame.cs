namespace CameraCloud.Silo.Runtime;

/// <summary>
/// The chain of turns the current async flow is running inside (A's call awaiting B's call …).
/// Turns are not reentrant, so a call into an activation whose turn is still waiting further up
/// the chain can never run: instead of hanging both forever, the call fails at once.
/// </summary>
internal sealed class TurnFrame
{
    private static readonly AsyncLocal<TurnFrame?> Current = new();

    private readonly Activation _activation;
    private readonly TurnFrame? _caller;
    private volatile bool _ended;

    private TurnFrame(Activation activation, TurnFrame? caller)
    {
        _activation = activation;
        _caller = caller;
    }

    /// <summary>
    /// Marks the flow as running a turn of <paramref name="activation"/>. Call it inside the async
    /// method that runs the turn: the flow's previous value comes back when that method returns.
    /// </summary>
    /// <param name="activation">Whose turn the flow now runs.</param>
    /// <param name="continueChain">True for calls and activation (a caller awaits them); false for turns nobody awaits.</param>
    public static TurnFrame Begin(Activation activation, bool continueChain)
    {
        var frame = new TurnFrame(activation, continueChain ? Current.Value : null);
        Current.Value = frame;
        return frame;
    }

    /// <summary>Throws when <paramref name="target"/> has a turn waiting in this flow's chain.</summary>
    public static void ThrowIfReentrant(Activation target, GrainMethod method)
    {
        // A frame whose turn ended is work the turn left behind, not something waiting on us.
        for (TurnFrame? frame = Current.Value; frame is { _ended: false }; frame = frame._caller)
        {
            if (ReferenceEquals(frame._activation, target))
            {
                throw new InvalidOperationException(
                    $"Calling {method.Name} on {target.Key} would deadlock: the call chain {Describe(target)} " +
                    "comes back to an activation that is waiting for it, and grain turns are not reentrant.");
            }
        }
    }

    public void End() => _ended = true;

    private static string Describe(Activation target)
    {
        var chain = new List<string> { target.Key.ToString() };
        for (TurnFrame? frame = Current.Value; frame is { _ended: false }; frame = frame._caller)
        {
            chain.Add(frame._activation.Key.ToString());
            if (ReferenceEquals(frame._activation, target))
            {
                break;
            }
        }

        chain.Reverse();
        return string.Join(" → ", chain);
    }
}
