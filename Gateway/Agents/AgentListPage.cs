using CameraCloud.Agents;

namespace CameraCloud.Gateway.Agents;

/// <summary>One page of the agent list.</summary>
/// <param name="Items">Agents of this page in id order (ids deleted meanwhile are left out).</param>
/// <param name="Total">Number of provisioned agents.</param>
/// <param name="Offset">Index of the first item in the whole list.</param>
/// <param name="Limit">Page size that was asked for.</param>
public sealed record AgentListPage(IReadOnlyList<AgentInfo> Items, int Total, int Offset, int Limit);
