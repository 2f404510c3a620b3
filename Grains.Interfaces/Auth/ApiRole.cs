using System.Text.Json.Serialization;

namespace CameraCloud.Auth;

/// <summary>What an API key may do; each role includes the ones below it. Stored and shown by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiRole>))]
public enum ApiRole
{
    /// <summary>Read cameras, agents and the cluster; watch video, snapshots and audio.</summary>
    Viewer = 1,

    /// <summary>Viewer, plus change cameras and agents: rename, delete, commands, provisioning, agent control.</summary>
    Operator = 2,

    /// <summary>Everything, API keys included.</summary>
    Admin = 3,
}
