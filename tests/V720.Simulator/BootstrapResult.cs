namespace CameraCloud.V720.Simulator;

/// <summary>What the HTTP bootstrap told the camera: its id and where the control server is (spec §2.2).</summary>
internal sealed record BootstrapResult(string DeviceId, string Host, int TcpPort, string Pwd, string Domain);
