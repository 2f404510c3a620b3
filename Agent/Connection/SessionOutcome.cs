namespace CameraCloud.Agent.Connection;

/// <summary>The end of one session: its kind and a reason for the log.</summary>
public sealed record SessionOutcome(SessionEndKind Kind, string Reason);
