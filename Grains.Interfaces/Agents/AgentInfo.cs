namespace CameraCloud.Agents;

/// <summary>An agent as the API shows it: registry record and live session.</summary>
public sealed record AgentInfo(
    string Id,
    string? Name,
    DateTimeOffset CreatedAt,
    bool Online,
    DateTimeOffset? LastSeen,
    string? ConnectedFrom,
    string? Version,
    string? Model,
    string? LocalIp,
    IReadOnlyList<string> LocalIpHistory,
    IReadOnlyList<AgentTargetView> Targets,
    AgentTraffic Traffic);
