using System.Text;
using CameraCloud.Silo.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage;

/// <summary>A record file that is not what the store wrote is reported, naming the file, and never touched.</summary>
public sealed class FileGrainStorageGarbageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, byte[], string> BadFiles()
    {
        string good = """{"format":1,"grainType":"camera","key":"k","state":"state","etag":"e1","data":{"name":"Hall"}}""";
        return new()
        {
            { "empty", [], "the file is empty" },
            { "garbage", [0x00, 0xFF, 0x13, 0x37, 0x80, 0x7F], "not valid JSON" },
            { "truncated", Encoding.UTF8.GetBytes(good[..(good.Length / 2)]), "not valid JSON" },
            { "cut before the last brace", Encoding.UTF8.GetBytes(good[..^1]), "not valid JSON" },
            { "trailing garbage", Encoding.UTF8.GetBytes(good + "xyz"), "not valid JSON" },
            { "an array", "[1,2,3]"u8.ToArray(), "does not hold a JSON object" },
            { "no etag", Encoding.UTF8.GetBytes(good.Replace("\"etag\":\"e1\",", "", StringComparison.Ordinal)), "no \"etag\"" },
            { "no data", Encoding.UTF8.GetBytes(good.Replace(",\"data\":{\"name\":\"Hall\"}", "", StringComparison.Ordinal)), "no \"data\"" },
            { "future format", Encoding.UTF8.GetBytes(good.Replace("\"format\":1", "\"format\":2", StringComparison.Ordinal)), "\"format\" is 2" },
            { "another key's record", Encoding.UTF8.GetBytes(good.Replace("\"key\":\"k\"", "\"key\":\"j\"", StringComparison.Ordinal)), "belongs to record" },
            { "bad base64", Encoding.UTF8.GetBytes(good.Replace("\"data\":{\"name\":\"Hall\"}", "\"dataBase64\":\"%%%\"", StringComparison.Ordinal)), "not valid base64" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_makes_every_operation_fail_naming_it_and_stays_untouched(string what, byte[] content, string problem)
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string file = storage.GetRecordPath("camera", "k", "state");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, content);

        var read = await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadAsync("camera", "k", "state", default));
        await Assert.ThrowsAsync<InvalidDataException>(
            () => storage.WriteAsync("camera", "k", "state", "{}"u8.ToArray(), null, default));
        await Assert.ThrowsAsync<InvalidDataException>(
            () => storage.WriteAsync("camera", "k", "state", "{}"u8.ToArray(), "e1", default));
        await Assert.ThrowsAsync<InvalidDataException>(() => storage.ClearAsync("camera", "k", "state", "e1", default));

        Assert.Contains($"'{file}'", read.Message, StringComparison.Ordinal);
        Assert.Contains(problem, read.Message, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        Assert.True(Directory.GetFiles(Path.GetDirectoryName(file)!).Length == 1, $"{what}: the store left other files next to the bad one");
    }

    [Fact]
    public async Task An_oversized_file_is_refused_without_reading_it_all()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string file = storage.GetRecordPath("camera", "k", "state");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using (FileStream stream = File.Create(file))
        {
            stream.SetLength(FileGrainStorage.MaxRecordBytes + 1L);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => storage.ReadAsync("camera", "k", "state", default));

        Assert.Contains("more than the", error.Message, StringComparison.Ordinal);
        Assert.Equal(FileGrainStorage.MaxRecordBytes + 1L, new FileInfo(file).Length);
    }
}
