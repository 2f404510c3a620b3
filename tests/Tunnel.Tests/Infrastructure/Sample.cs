using CameraCloud.Codecs.Tunnel;

namespace CameraCloud.Tunnel.Tests.Infrastructure;

internal static class Sample
{
    public static AgentHelloMessage Hello(string agentId = "cam-porch") => new(agentId, "1.0.0", "dahua-2449s-il", "192.168.1.64", "ipc",
        [new TargetMessage("rtsp", "127.0.0.1", 554), new TargetMessage("http", "127.0.0.1", 80)]);

    public static ServerWelcomeMessage Welcome(int maxStreams = 64, int initialWindow = 1 << 20, int pingIntervalSeconds = 60, int pingTimeoutSeconds = 180) =>
        new("7f3a0c", pingIntervalSeconds, pingTimeoutSeconds, maxStreams, initialWindow, TunnelLimits.MaxDataPayload);

}
