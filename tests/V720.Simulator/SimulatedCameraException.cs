namespace CameraCloud.V720.Simulator;

/// <summary>The simulated camera could not do what a real one would have (bootstrap refused, TCP refused, no 101…).</summary>
public sealed class SimulatedCameraException : Exception
{
    public SimulatedCameraException(string message)
        : base(message)
    {
    }

    public SimulatedCameraException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
