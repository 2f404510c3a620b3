namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Thrown by test grains on purpose, so a test can tell it from anything the runtime throws.</summary>
public sealed class TestGrainException(string message) : Exception(message);
