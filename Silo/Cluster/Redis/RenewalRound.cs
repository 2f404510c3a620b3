namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>What one renewal round did; <see cref="Succeeded"/> false when Redis did not answer.</summary>
internal sealed record RenewalRound(bool Succeeded, int Renewed, int Restored, int Moved)
{
    public static readonly RenewalRound Failed = new(false, 0, 0, 0);
}
