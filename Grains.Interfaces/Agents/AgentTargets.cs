namespace CameraCloud.Agents;

/// <summary>Comparisons of target lists, shared by the grain (what changed) and the edge (what to push).</summary>
public static class AgentTargets
{
    /// <summary>The target of a provisioned agent that names none: the camera's own RTSP server.</summary>
    public static readonly IReadOnlyList<AgentTarget> Default = [new("rtsp", "127.0.0.1", 554)];

    /// <summary>
    /// True when both lists lead the same names to the same host and port, in any order. Paths are not
    /// compared: they only shape the API's URLs, and an agent never sees them.
    /// </summary>
    public static bool SameEndpoints(IReadOnlyCollection<AgentTarget> a, IReadOnlyCollection<AgentTarget> b) =>
        a.Count == b.Count && a.All(x => b.Any(y =>
            string.Equals(x.Name, y.Name, StringComparison.Ordinal) &&
            string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) &&
            x.Port == y.Port));

    /// <summary>True when both lists are equal target by target, paths included, in any order.</summary>
    public static bool Same(IReadOnlyCollection<AgentTarget> a, IReadOnlyCollection<AgentTarget> b) =>
        SameEndpoints(a, b) && a.All(x => b.Any(y =>
            string.Equals(x.Name, y.Name, StringComparison.Ordinal) && string.Equals(x.Path, y.Path, StringComparison.Ordinal)));
}
