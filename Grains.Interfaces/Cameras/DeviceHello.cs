namespace CameraCloud.Cameras;

/// <summary>What a camera said in its TCP registration (code 100).</summary>
public sealed record DeviceHello(string Token, string? Domain, string RemoteEndPoint);
