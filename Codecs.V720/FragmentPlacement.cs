namespace CameraCloud.Codecs.V720;

/// <summary>Where a pkg id falls relative to the window of the frame in progress.</summary>
internal enum FragmentPlacement
{
    /// <summary>Inside the window: it may belong to this frame.</summary>
    InWindow,

    /// <summary>Shortly before the frame's first id: a straggler of an earlier frame.</summary>
    Stale,

    /// <summary>So far ahead that the frame could never be contiguous within the window.</summary>
    Beyond,
}
