namespace CameraCloud.Silo.Tests.Runtime.Grains;

public sealed class ProfileState
{
    public string? Text { get; set; }
}
