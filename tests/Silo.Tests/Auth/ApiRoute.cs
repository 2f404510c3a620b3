using CameraCloud.Auth;

namespace CameraCloud.Silo.Tests.Auth;

/// <summary>One method of one <c>/api</c> route of a running node, and the least role its policies admit.</summary>
internal sealed record ApiRoute(string Method, string Pattern, ApiRole? Needs)
{
    public override string ToString() => $"{Method} {Pattern}";
}
