namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>What one phase cost each process, as /proc accounts it, and what its viewers got.</summary>
public sealed record PhaseFigures(
    string Name,
    int Viewers,
    double DeliveredFps,
    double OwnerCores,
    double ForwarderCores,
    double RedisCores,
    double BenchCores,
    double OtherCores,
    long OwnerRssBytes,
    long ForwarderRssBytes);
