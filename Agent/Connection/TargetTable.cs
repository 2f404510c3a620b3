using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Connection;

/// <summary>
/// The targets in force. The agent's own configuration (<c>--target</c>, the config file, the environment) is the
/// authority over its LAN: the cloud may choose among those services, name them and leave them out, but a target
/// it sends whose host and port the configuration does not list is refused, so no call to the cloud's API can turn
/// the agent into a proxy to anything else on the LAN. update-config swaps the whole list at once; readers see the
/// old or the new list, never a mix.
/// </summary>
public sealed class TargetTable(IReadOnlyList<AgentTarget> configured)
{
    private readonly IReadOnlyList<AgentTarget> _configured = [.. configured];
    private IReadOnlyList<AgentTarget> _targets = configured;
    private IReadOnlyList<AgentTarget> _refused = [];

    public IReadOnlyList<AgentTarget> Current => Volatile.Read(ref _targets);

    /// <summary>What the cloud's last update-config asked for that the configuration does not allow.</summary>
    public IReadOnlyList<AgentTarget> Refused => Volatile.Read(ref _refused);

    public AgentTarget? Find(string name) => Current.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The cloud's list (checked with <see cref="TargetSyntax.CheckList"/>): the targets whose host and port the
    /// configuration lists take effect, the rest are refused and kept in <see cref="Refused"/>.
    /// </summary>
    public (IReadOnlyList<AgentTarget> Accepted, IReadOnlyList<AgentTarget> Refused) Offer(IReadOnlyList<AgentTarget> requested)
    {
        AgentTarget[] accepted = [.. requested.Where(IsConfigured)];
        AgentTarget[] refused = [.. requested.Where(t => !IsConfigured(t))];
        Volatile.Write(ref _targets, accepted);
        Volatile.Write(ref _refused, refused);
        return (accepted, refused);
    }

    private bool IsConfigured(AgentTarget target) => _configured.Any(c =>
        c.Port == target.Port && string.Equals(c.Host, target.Host, StringComparison.OrdinalIgnoreCase));
}
