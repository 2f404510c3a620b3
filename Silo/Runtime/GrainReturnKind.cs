namespace CameraCloud.Silo.Runtime;

/// <summary>The awaitable shapes a grain method may return.</summary>
internal enum GrainReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
