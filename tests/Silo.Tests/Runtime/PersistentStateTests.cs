using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Tests.Runtime.Grains;
using CameraCloud.Silo.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CameraCloud.Silo.Tests.Runtime;

public sealed class PersistentStateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task State_written_by_one_runtime_is_read_by_the_next_over_the_same_folder()
    {
        CounterSnapshot written;
        await using (var silo = TestSilo.Create(_folder.Path))
        {
            ICounterGrain counter = silo.Factory.GetGrain<ICounterGrain>("door");
            Assert.False((await Wait.For(counter.GetAsync(default))).RecordExists);
            await Wait.For(counter.IncrementAsync(default));
            written = await Wait.For(counter.IncrementAsync(default));
        }

        await using (var restarted = TestSilo.Create(_folder.Path))
        {
            CounterSnapshot read = await Wait.For(restarted.Factory.GetGrain<ICounterGrain>("door").GetAsync(default));

            Assert.Equal(2, read.Count);
            Assert.Equal(written.Etag, read.Etag);
            Assert.True(read.RecordExists);
            Assert.Equal(1, restarted.Probe.Count("door", "activated-with-2"));
        }

        Assert.True(File.Exists(Path.Combine(_folder.Path, "grains", "counter", "door.counter.json")));
    }

    [Fact]
    public async Task A_writer_with_a_stale_etag_gets_InconsistentStateException()
    {
        await using var one = TestSilo.Create(_folder.Path);
        await using var two = TestSilo.Create(_folder.Path);
        ICounterGrain first = one.Factory.GetGrain<ICounterGrain>("k");
        ICounterGrain second = two.Factory.GetGrain<ICounterGrain>("k");

        await Wait.For(first.IncrementAsync(default));
        await Wait.For(second.GetAsync(default));
        await Wait.For(first.IncrementAsync(default));

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Wait.For(second.IncrementAsync(default)));
        Assert.Contains("counter/'k'", conflict.Message, StringComparison.Ordinal);

        // The winner's write stands.
        Assert.Equal(2, (await Wait.For(first.GetAsync(default))).Count);
    }

    [Fact]
    public async Task A_record_changed_underneath_an_activation_makes_its_write_fail()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ICounterGrain counter = silo.Factory.GetGrain<ICounterGrain>("k");
        CounterSnapshot mine = await Wait.For(counter.IncrementAsync(default));
        IGrainStorage storage = silo.Services.GetRequiredService<IGrainStorage>();
        await storage.WriteAsync("counter", "k", "counter", """{"count":100}"""u8.ToArray(), mine.Etag, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Wait.For(counter.IncrementAsync(default)));
    }

    [Fact]
    public async Task ClearStateAsync_removes_the_record()
    {
        await using var silo = TestSilo.Create(_folder.Path);
        ICounterGrain counter = silo.Factory.GetGrain<ICounterGrain>("gone");
        await Wait.For(counter.IncrementAsync(default));
        string file = Path.Combine(_folder.Path, "grains", "counter", "gone.counter.json");
        Assert.True(File.Exists(file));

        CounterSnapshot cleared = await Wait.For(counter.ClearAsync(default));

        Assert.Equal(new CounterSnapshot(0, null, false, cleared.Instance), cleared);
        Assert.False(File.Exists(file));
        await Wait.For(counter.DeactivateOnIdleAsync(default));
        await silo.Probe.WaitForAsync("gone", "deactivated");
        CounterSnapshot fresh = await Wait.For(counter.GetAsync(default));
        Assert.False(fresh.RecordExists);
        Assert.Equal(0, fresh.Count);

        // Writing again after a clear starts a new record.
        Assert.Equal(1, (await Wait.For(counter.IncrementAsync(default))).Count);
    }

    [Fact]
    public async Task Each_state_parameter_gets_its_own_record()
    {
        await using (var silo = TestSilo.Create(_folder.Path))
        {
            await Wait.For(silo.Factory.GetGrain<IProfileGrain>("p").SetAsync("at home", "at work", default));
        }

        await using var restarted = TestSilo.Create(_folder.Path);
        string[] read = await Wait.For(restarted.Factory.GetGrain<IProfileGrain>("p").GetAsync(default));

        Assert.Equal(["at home", "at work"], read);
        string folder = Path.Combine(_folder.Path, "grains", "profile");
        Assert.Contains("at home", await File.ReadAllTextAsync(Path.Combine(folder, "p.home.json")), StringComparison.Ordinal);
        Assert.Contains("at work", await File.ReadAllTextAsync(Path.Combine(folder, "p.work.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_state_file_fails_the_activation_and_is_left_as_it_was()
    {
        string folder = Path.Combine(_folder.Path, "grains", "counter");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "broken.counter.json");
        byte[] garbage = "{\"format\":1,\"etag\":\"x\",\"da"u8.ToArray();
        await File.WriteAllBytesAsync(file, garbage);
        await using var silo = TestSilo.Create(_folder.Path);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Wait.For(silo.Factory.GetGrain<ICounterGrain>("broken").GetAsync(default)));

        var cause = Assert.IsType<InvalidDataException>(failure.InnerException);
        Assert.Contains(file, cause.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(file));
    }
}
