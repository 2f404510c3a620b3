namespace CameraCloud.Agent.Configuration;

/// <summary>Bounds on every configured value, so a damaged file or a hostile control request costs nothing.</summary>
public static class AgentLimits
{
    public const int MaxConfigFileBytes = 64 * 1024;
    public const int MaxLineLength = 4096;
    public const int MaxUrlLength = 2048;
    public const int MaxIdLength = 64;
    public const int MaxTokenLength = 256;
    public const int MaxModelLength = 64;
    public const int MaxTargets = 16;
    public const int MaxTargetNameLength = 32;
    public const int MaxHostLength = 253;

    /// <summary>The targets travel in HELLO, whose payload the protocol caps at 4 KiB; leave room for the other fields.</summary>
    public const int MaxTargetsJsonBytes = 3 * 1024;
}
