using Microsoft.AspNetCore.Http.Features;

namespace CameraCloud.Gateway.Tests;

/// <summary>Records whether the connection was aborted; lets a test say the client has gone.</summary>
internal sealed class RecordingLifetimeFeature : IHttpRequestLifetimeFeature
{
    public CancellationToken RequestAborted { get; set; }

    public bool Aborted { get; private set; }

    public void Abort() => Aborted = true;
}
