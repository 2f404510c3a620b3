using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

/// <summary>Something a test grain did: activated, deactivated, ticked, entered a call …</summary>
public sealed record LifecycleEvent(string Grain, string Key, int Instance, string Kind, DeactivationReason? Reason = null);
