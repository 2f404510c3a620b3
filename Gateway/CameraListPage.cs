using CameraCloud.Cameras;

namespace CameraCloud.Gateway;

/// <summary>One page of the camera list.</summary>
/// <param name="Items">Cameras of this page in id order (ids whose record vanished meanwhile are left out).</param>
/// <param name="Total">Number of known cameras.</param>
/// <param name="Offset">Index of the first item in the whole list.</param>
/// <param name="Limit">Page size that was asked for.</param>
public sealed record CameraListPage(IReadOnlyList<CameraInfo> Items, int Total, int Offset, int Limit);
