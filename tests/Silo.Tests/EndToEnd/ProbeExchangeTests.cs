using CameraCloud.Codecs.V720;
using CameraCloud.Edge.V720;
using CameraCloud.Silo.Tests.ClusterNodes;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>
/// The §5.2 step 4 exchange with a camera that answers every 50 with a 51, as firmware does: the server must be
/// the one that ends it, or the two ping-pong for as long as the stream runs.
/// </summary>
public sealed class ProbeExchangeTests
{
    [Fact]
    public async Task Each_start_brings_a_camera_that_answers_every_50_no_more_than_three_50s()
    {
        await using var silo = await RunningSilo.StartAsync("--Cameras:StopGracePeriod=00:00:00.200");
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b2d1"), Timeouts.Short);

        for (int start = 1; start <= 2; start++)
        {
            await using (var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short))
            {
                await viewer.ReadPartsAsync(3, Timeouts.Long);
                // The camera sends a 51 only after a 50: once the server has left one unanswered, the exchange is over.
                var ignoredBefore = start - 1;
                await TestCluster.PollAsync(async () => await CameraMedia.CounterAsync(silo, camera.DeviceId, "probesIgnored") > ignoredBefore,
                    $"the server to leave a 51 of start {start} unanswered", Timeouts.Long);
                Assert.Equal(ProbeAnswerBudget.AnswersPerStart, camera.ProbesThisStart);
            }
            await camera.WaitStoppedAsync(Timeouts.Long);
        }

        Assert.Equal(2, camera.NatRequests);
        Assert.Equal(ProbeAnswerBudget.AnswersPerStart, camera.MostProbesInOneStart);
        Assert.Equal(2 * ProbeAnswerBudget.AnswersPerStart, camera.ProbesReceived);
        Assert.Equal(2 * ProbeAnswerBudget.AnswersPerStart, await CameraMedia.CounterAsync(silo, camera.DeviceId, "probesAnswered"));
        Assert.Equal(2, await CameraMedia.CounterAsync(silo, camera.DeviceId, "probesIgnored"));
    }

    [Fact]
    public async Task A_51_between_streams_is_not_answered()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0a1b2d2"), Timeouts.Short);

        await camera.SendRawUdpAsync(V720Writer.JsonToArray($$"""{"code":51,"devTarget":"{{camera.DeviceId}}","status":200}"""), Timeouts.Short);

        await TestCluster.PollAsync(async () => await CameraMedia.CounterAsync(silo, camera.DeviceId, "probesIgnored") == 1,
            "the server to count the 51 it left unanswered", Timeouts.Long);
        Assert.Equal(0, camera.ProbesReceived);
        Assert.Equal(0, await CameraMedia.CounterAsync(silo, camera.DeviceId, "probesAnswered"));
    }
}
