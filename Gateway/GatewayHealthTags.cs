namespace CameraCloud.Gateway;

/// <summary>Health check tags the gateway's endpoints select on.</summary>
public static class GatewayHealthTags
{
    /// <summary>Checks that say the process runs (<c>/health/live</c>).</summary>
    public const string Live = "live";

    /// <summary>Checks that say the node can take traffic (<c>/health/ready</c>), e.g. listeners bound.</summary>
    public const string Ready = "ready";
}
