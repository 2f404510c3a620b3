using System.Text;
using CameraCloud.Actors;
using CameraCloud.Silo.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage;

public sealed class FileGrainStorageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_record_reads_as_null()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);

        Assert.Null(await storage.ReadAsync("camera", "k", "state", default));
    }

    [Theory]
    [InlineData("""{"name":"hall","n":[1, 2,  3]}""")]
    [InlineData("\"just a string\"")]
    [InlineData("42")]
    [InlineData(" {\"padded\":true} ")]
    [InlineData("not json at all")]
    public async Task What_is_written_reads_back_byte_for_byte_with_its_etag(string text)
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        byte[] data = Encoding.UTF8.GetBytes(text);

        string etag = await storage.WriteAsync("camera", "k", "state", data, null, default);
        StoredRecord? read = await storage.ReadAsync("camera", "k", "state", default);

        Assert.NotNull(read);
        Assert.Equal(etag, read.Etag);
        Assert.Equal(data, read.Data.ToArray());
    }

    [Fact]
    public async Task Binary_data_reads_back_byte_for_byte()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        byte[] data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await storage.WriteAsync("camera", "k", "state", data, null, default);

        Assert.Equal(data, (await storage.ReadAsync("camera", "k", "state", default))!.Data.ToArray());
    }

    [Fact]
    public async Task A_state_file_a_person_opens_is_readable_json()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);

        string etag = await storage.WriteAsync("camera", "hall", "state", """{"name":"Hall"}"""u8.ToArray(), null, default);

        string text = await File.ReadAllTextAsync(Path.Combine(_folder.Path, "grains", "camera", "hall.state.json"));
        Assert.Equal(
            $$$"""{"format":1,"grainType":"camera","key":"hall","state":"state","etag":"{{{etag}}}","data":{"name":"Hall"}}""",
            text);
    }

    [Fact]
    public async Task Every_write_needs_the_current_etag()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string first = await storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), null, default));
        string second = await storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), first, default);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync("camera", "k", "state", "3"u8.ToArray(), first, default));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteAsync("camera", "other", "state", "3"u8.ToArray(), second, default));

        Assert.NotEqual(first, second);
        Assert.Equal("2"u8.ToArray(), (await storage.ReadAsync("camera", "k", "state", default))!.Data.ToArray());
    }

    [Fact]
    public async Task Clear_needs_the_current_etag_and_removes_the_file()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string etag = await storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("camera", "k", "state", null, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("camera", "k", "state", "stale", default));
        Assert.NotNull(await storage.ReadAsync("camera", "k", "state", default));

        await storage.ClearAsync("camera", "k", "state", etag, default);

        Assert.Null(await storage.ReadAsync("camera", "k", "state", default));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "grains", "camera")));
        await storage.ClearAsync("camera", "k", "state", null, default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("camera", "k", "state", etag, default));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_are_serialised_so_exactly_one_wins()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string current = await storage.WriteAsync("camera", "k", "state", "0"u8.ToArray(), null, default);

        for (int round = 0; round < 5; round++)
        {
            string expected = current;
            using var start = new ManualResetEventSlim();
            Task<string>[] writers = Enumerable.Range(1, 32)
                .Select(i => Task.Run(() =>
                {
                    start.Wait(TimeSpan.FromSeconds(10));
                    return storage.WriteAsync("camera", "k", "state", Encoding.UTF8.GetBytes(i.ToString()), expected, default);
                }))
                .ToArray();
            start.Set();
            try
            {
                await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InconsistentStateException)
            {
                // Expected for all but one; counted below.
            }

            Task<string> winner = Assert.Single(writers, w => w.IsCompletedSuccessfully);
            Assert.All(writers.Where(w => w != winner), w => Assert.IsType<InconsistentStateException>(w.Exception!.InnerException));
            current = await winner;
            Assert.Equal(current, (await storage.ReadAsync("camera", "k", "state", default))!.Etag);
        }

        Assert.Equal(0, storage.RecordLocks.Count);
    }

    [Fact]
    public async Task A_write_waits_for_the_record_lock_and_compares_etags_only_once_it_holds_it()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string first = await storage.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);
        string path = storage.GetRecordPath("camera", "k", "state");
        FileGrainStorage elsewhere = StorageFactory.Create(_folder.Path);

        Task<string> write;
        using (await storage.RecordLocks.AcquireAsync(path, default).WaitAsync(TimeSpan.FromSeconds(10)))
        {
            write = storage.WriteAsync("camera", "k", "state", "2"u8.ToArray(), first, default);

            // The write is queued on the lock we hold, so it cannot have read the record yet.
            Assert.Equal(2, storage.RecordLocks.UsersOf(path));
            await elsewhere.WriteAsync("camera", "k", "state", "3"u8.ToArray(), first, default);
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => write.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("3"u8.ToArray(), (await storage.ReadAsync("camera", "k", "state", default))!.Data.ToArray());
    }

    [Fact]
    public async Task Writes_leave_no_temporary_files_behind()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string? etag = null;
        for (int i = 0; i < 5; i++)
        {
            etag = await storage.WriteAsync("camera", "k", "state", Encoding.UTF8.GetBytes($"{i}"), etag, default);
        }

        Assert.Equal(["k.state.json"], Directory.GetFiles(Path.Combine(_folder.Path, "grains", "camera")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_second_storage_over_the_same_folder_sees_the_records_and_their_etags()
    {
        FileGrainStorage before = StorageFactory.Create(_folder.Path);
        string etag = await before.WriteAsync("camera", "k", "state", "1"u8.ToArray(), null, default);

        FileGrainStorage after = StorageFactory.Create(_folder.Path);
        StoredRecord? read = await after.ReadAsync("camera", "k", "state", default);
        string next = await after.WriteAsync("camera", "k", "state", "2"u8.ToArray(), etag, default);

        Assert.Equal(etag, read!.Etag);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => before.WriteAsync("camera", "k", "state", "3"u8.ToArray(), etag, default));
        Assert.Equal(next, (await before.ReadAsync("camera", "k", "state", default))!.Etag);
    }

    [Fact]
    public async Task Oversized_state_is_refused_before_anything_is_written()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);

        await Assert.ThrowsAsync<ArgumentException>(
            () => storage.WriteAsync("camera", "k", "state", new byte[FileGrainStorage.MaxDataBytes + 1], null, default));

        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "grains", "camera")));
    }

    [Fact]
    public void The_data_path_defaults_to_data_under_the_current_directory()
    {
        var storage = new FileGrainStorage(
            Microsoft.Extensions.Options.Options.Create(new StorageOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FileGrainStorage>.Instance);

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data"), storage.DataPath);
    }
}
