namespace CameraCloud.Chart.Tests;

/// <summary>How an external checker ended: its exit code and everything it printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output);
