namespace CameraCloud.Codecs.Tunnel;

/// <summary>The payload of OPEN: the name of one of the agent's targets, never an address.</summary>
public sealed record OpenMessage(string Target);
