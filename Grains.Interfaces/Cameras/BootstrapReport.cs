namespace CameraCloud.Cameras;

/// <summary>One HTTP bootstrap call by a camera (getA9ConfCheck, getDevInfo, registerDevices…).</summary>
public sealed record BootstrapReport(string Endpoint, string? Firmware, string RemoteAddress);
