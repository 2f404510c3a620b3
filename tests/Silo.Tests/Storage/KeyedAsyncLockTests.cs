using CameraCloud.Silo.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage;

public sealed class KeyedAsyncLockTests
{
    [Fact]
    public async Task A_key_is_held_by_one_owner_at_a_time_and_other_keys_are_independent()
    {
        var locks = new KeyedAsyncLock();
        IDisposable first = await locks.AcquireAsync("a", default).WaitAsync(TimeSpan.FromSeconds(10));

        Task<IDisposable> second = locks.AcquireAsync("a", default);
        IDisposable other = await locks.AcquireAsync("b", default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        other.Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_nothing_behind()
    {
        var locks = new KeyedAsyncLock();
        IDisposable held = await locks.AcquireAsync("a", default).WaitAsync(TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource();

        Task<IDisposable> waiting = locks.AcquireAsync("a", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        held.Dispose();
        held.Dispose();
        Assert.Equal(0, locks.Count);
        (await locks.AcquireAsync("a", default).WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }
}
