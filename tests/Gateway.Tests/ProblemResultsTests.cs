using CameraCloud.Cameras;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class ProblemResultsTests
{
    [Fact]
    public void Maps_camera_exceptions_to_404_and_503()
    {
        Assert.Equal(StatusCodes.Status404NotFound, ProblemResults.FromException(new CameraNotFoundException("a"))?.StatusCode);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ProblemResults.FromException(new CameraOfflineException("a"))?.StatusCode);
    }

    [Fact]
    public void Finds_a_camera_exception_inside_wrappers()
    {
        var wrapped = new AggregateException(new InvalidOperationException("call failed", new CameraNotFoundException("a")));

        Assert.Equal(StatusCodes.Status404NotFound, ProblemResults.FromException(wrapped)?.StatusCode);
    }

    [Fact]
    public void Maps_a_timeout_to_504()
    {
        Assert.Equal(StatusCodes.Status504GatewayTimeout, ProblemResults.FromException(new TimeoutException())?.StatusCode);
    }

    [Fact]
    public void Leaves_unknown_exceptions_to_the_caller()
    {
        Assert.Null(ProblemResults.FromException(new InvalidOperationException("bug")));
    }

    [Fact]
    public void The_snapshot_timeout_says_which_camera_and_how_long()
    {
        var problem = ProblemResults.SnapshotTimedOut("cam1", TimeSpan.FromSeconds(5));

        Assert.Equal(StatusCodes.Status504GatewayTimeout, problem.StatusCode);
        Assert.Equal("No frame from camera cam1 within 5 s.", problem.ProblemDetails.Detail);
    }
}
