using System.Text;
using CameraCloud.Silo.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage;

/// <summary>Grain keys come from devices and URLs: any string must map to its own file inside the data folder.</summary>
public sealed class HostileKeyTests : IDisposable
{
    private static readonly string[] Keys =
    [
        "../x", "..", ".", "", "a/b", "a\\b", "/etc/passwd", "../../../../tmp/escape", "C:\\Windows", "a\0b",
        "CON", "nul", "A", "a", "_", "_41", "~", " ", "a.b", "a.state", "0800c00128F8", "ключ-камера-📷",
        new string('x', 200), new string('x', 201), new string('é', 200), string.Concat(Enumerable.Repeat("📷", 200)),
    ];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_key_gets_its_own_file_inside_the_grain_type_folder()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);
        string typeFolder = Path.Combine(_folder.Path, "grains", "camera");

        foreach (string key in Keys)
        {
            await storage.WriteAsync("camera", key, "state", Encoding.UTF8.GetBytes(Quote(key)), null, default);
        }

        foreach (string key in Keys)
        {
            string path = storage.GetRecordPath("camera", key, "state");
            Assert.Equal(typeFolder, Path.GetDirectoryName(path));
            Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(path)) < 200, $"file name too long for key of length {key.Length}");
            Assert.Equal(Quote(key), Encoding.UTF8.GetString((await storage.ReadAsync("camera", key, "state", default))!.Data.Span));
        }

        // Nothing was written anywhere else, and no two keys share a file.
        string[] files = Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories);
        Assert.Equal(Keys.Length, files.Length);
        Assert.All(files, f => Assert.Equal(typeFolder, Path.GetDirectoryName(f)));
    }

    [Fact]
    public async Task Hostile_grain_type_and_state_names_stay_inside_the_grains_folder()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);

        await storage.WriteAsync("../..", "k", "../../x", "1"u8.ToArray(), null, default);

        string file = Assert.Single(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(_folder.Path, "grains", "_2e_2e_2f_2e_2e", "k._2e_2e_2f_2e_2e_2fx.json"), file);
    }

    [Fact]
    public async Task A_key_that_is_not_valid_unicode_is_refused()
    {
        FileGrainStorage storage = StorageFactory.Create(_folder.Path);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => storage.WriteAsync("camera", "bad\ud800", "state", "1"u8.ToArray(), null, default));

        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    private static string Quote(string key) => System.Text.Json.JsonSerializer.Serialize(key);
}
