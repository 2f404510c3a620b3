using Microsoft.AspNetCore.Http.Features;

namespace CameraCloud.Gateway.Tests;

/// <summary>A response whose headers have already gone out, as in the middle of an MJPEG stream.</summary>
internal sealed class StartedResponseFeature : HttpResponseFeature
{
    public override bool HasStarted => true;
}
