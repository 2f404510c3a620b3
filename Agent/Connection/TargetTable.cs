using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Connection;

/// <summary>The targets in force. update-config swaps the whole list at once; readers see the old or the new list, never a mix.</summary>
public sealed class TargetTable(IReadOnlyList<AgentTarget> initial)
{
    private IReadOnlyList<AgentTarget> _targets = initial;

    public IReadOnlyList<AgentTarget> Current => Volatile.Read(ref _targets);

    public AgentTarget? Find(string name) => Current.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>Replaces the list; the caller has checked it (<see cref="TargetSyntax.CheckList"/>).</summary>
    public void Replace(IReadOnlyList<AgentTarget> targets) => Volatile.Write(ref _targets, targets.ToArray());
}
