namespace CameraCloud.Silo.Runtime;

/// <summary>The identity of a grain: its class and its key. One activation at most exists per identity.</summary>
internal readonly record struct ActivationKey(GrainClassInfo Class, string Key)
{
    public override string ToString() => $"{Class.TypeName}/{Key}";
}
