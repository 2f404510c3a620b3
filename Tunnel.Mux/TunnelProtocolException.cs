namespace CameraCloud.Tunnel;

/// <summary>The peer broke the wire protocol (a bad frame, a bad or missing HELLO/WELCOME).</summary>
public sealed class TunnelProtocolException(string message) : Exception(message);
