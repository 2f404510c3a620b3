using CameraCloud.Actors;

namespace CameraCloud.Silo.Tests.Runtime.Grains;

public sealed class ProfileGrain(
    [PersistentState("home")] IPersistentState<ProfileState> home,
    [PersistentState("work")] IPersistentState<ProfileState> work) : Grain, IProfileGrain
{
    public async Task SetAsync(string home1, string work1, CancellationToken cancellationToken)
    {
        home.State.Text = home1;
        work.State.Text = work1;
        await home.WriteStateAsync(cancellationToken);
        await work.WriteStateAsync(cancellationToken);
    }

    public Task<string[]> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new[] { home.State.Text ?? "", work.State.Text ?? "" });
}
