using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Storage;
using static CameraCloud.Silo.Tests.Sessions.CameraGrainFixture;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>The registry record outlives the node: a new runtime over the same data folder reads it back.</summary>
public sealed class CameraGrainRegistryTests : IDisposable
{
    private const string BaseInfo = """{"code":4,"IrLed":1,"devPower":100,"version":"202212011602"}""";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Name_first_seen_and_base_info_survive_a_new_runtime_over_the_same_data_folder()
    {
        DateTimeOffset firstSeen;
        await using (var before = CameraSilo.Create(_folder.Path, Settings()))
        {
            var link = Link(1);
            await ConnectAsync(before, link);
            firstSeen = (await InfoAsync(before)).FirstSeen!.Value;
            before.Time.Advance(TimeSpan.FromMinutes(3));
            await Wait.For(before.Camera(Id).BaseInfoReportedAsync(BaseInfo, CancellationToken.None));
            await Wait.For(before.Camera(Id).RenameAsync("Porch", CancellationToken.None));
            // A later connection must not move first-seen.
            await ConnectAsync(before, Link(2));
            Assert.Equal(firstSeen, (await InfoAsync(before)).FirstSeen);
        }

        await using var after = CameraSilo.Create(_folder.Path, Settings());
        var info = await InfoAsync(after);

        Assert.Equal("Porch", info.Name);
        Assert.Equal(firstSeen, info.FirstSeen);
        Assert.Equal("202212011602", info.Firmware);
        Assert.Equal(100, info.BaseInfo!.Value.GetProperty("devPower").GetInt32());
        Assert.False(info.Online);
        Assert.Equal(Link(2).RemoteEndPoint, info.RemoteEndPoint);
        Assert.Contains(Id, await Wait.For(after.Index.ListAsync(0, 10, CancellationToken.None)));
    }
}
