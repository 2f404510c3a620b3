using CameraCloud.Actors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Storage;

/// <summary>
/// The embedded store: one JSON file per record under
/// <c>&lt;DataPath&gt;/grains/&lt;grain type&gt;/&lt;key&gt;.&lt;state&gt;.json</c> (names encoded by
/// <see cref="FileRecordName"/>), written atomically (temp file, flush, rename over), so a crash leaves
/// the old record or the new one, never half of one. It assumes one process owns the folder: writers in
/// this process are serialised per record; several processes over one folder are not coordinated
/// (that is what the Redis store will be for). A file it cannot read is reported, never repaired,
/// overwritten or deleted.
/// </summary>
public sealed class FileGrainStorage : IGrainStorage
{
    /// <summary>The largest state accepted; grain state is small, a record this big is a mistake.</summary>
    internal const int MaxDataBytes = 8 * 1024 * 1024;

    /// <summary>Bounds what one read may allocate: the largest state, base64-encoded, plus the envelope.</summary>
    internal const int MaxRecordBytes = 12 * 1024 * 1024;

    // Keeps file names (plus the temp-file suffix) well under the usual 255-byte limit.
    private const int MaxTypeNameLength = 100;
    private const int MaxKeyNameLength = 120;
    private const int MaxStateNameLength = 60;

    private readonly KeyedAsyncLock _locks = new();
    private readonly ILogger<FileGrainStorage> _logger;

    public FileGrainStorage(IOptions<StorageOptions> options, ILogger<FileGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        DataPath = Path.GetFullPath(options.Value.DataPath);
        GrainsPath = Path.Combine(DataPath, "grains");
    }

    /// <summary>The data folder as an absolute path.</summary>
    public string DataPath { get; }

    internal string GrainsPath { get; }

    /// <summary>The per-record locks, keyed by record path.</summary>
    internal KeyedAsyncLock RecordLocks => _locks;

    public async Task<StoredRecord?> ReadAsync(string grainType, string key, string stateName, CancellationToken ct) =>
        await ReadFileAsync(GetRecordPath(grainType, key, stateName), grainType, key, stateName, ct);

    public async Task<string> WriteAsync(
        string grainType, string key, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken ct)
    {
        string path = GetRecordPath(grainType, key, stateName);
        if (data.Length > MaxDataBytes)
        {
            throw new ArgumentException(
                $"State '{stateName}' of {grainType}/'{key}' is {data.Length} bytes; the embedded store takes at most {MaxDataBytes}.",
                nameof(data));
        }

        using (await _locks.AcquireAsync(path, ct))
        {
            StoredRecord? current = await ReadFileAsync(path, grainType, key, stateName, ct);
            ThrowIfMoved(current?.Etag, expectedEtag, grainType, key, stateName);
            string etag = Guid.NewGuid().ToString("N");
            byte[] bytes = FileRecordEnvelope.Write(grainType, key, stateName, etag, data.Span);
            await WriteAtomicallyAsync(path, bytes, ct);
            return etag;
        }
    }

    public async Task ClearAsync(string grainType, string key, string stateName, string? expectedEtag, CancellationToken ct)
    {
        string path = GetRecordPath(grainType, key, stateName);
        using (await _locks.AcquireAsync(path, ct))
        {
            StoredRecord? current = await ReadFileAsync(path, grainType, key, stateName, ct);
            ThrowIfMoved(current?.Etag, expectedEtag, grainType, key, stateName);
            if (current is not null)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>The file that holds a record; always inside <see cref="GrainsPath"/>.</summary>
    internal string GetRecordPath(string grainType, string key, string stateName)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainType);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        string folder = FileRecordName.Encode(grainType, MaxTypeNameLength, nameof(grainType));
        string file = FileRecordName.Encode(key, MaxKeyNameLength, nameof(key)) + "." +
            FileRecordName.Encode(stateName, MaxStateNameLength, nameof(stateName)) + ".json";
        return Path.Combine(GrainsPath, folder, file);
    }

    /// <summary>Creates the data folder and proves it writable, so a bad path fails at start, not at the first write.</summary>
    internal void EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(GrainsPath);
            string probe = Path.Combine(GrainsPath, $".probe-{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidOperationException(
                $"Storage:DataPath '{DataPath}' cannot be used as the grain data folder: {ex.Message}", ex);
        }

        StorageLog.DataFolderReady(_logger, DataPath);
    }

    private static void ThrowIfMoved(string? storedEtag, string? expectedEtag, string grainType, string key, string stateName)
    {
        if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainType}/'{key}' changed since it was read: expected ETag " +
                $"{expectedEtag ?? "(none: a new record)"}, stored ETag {storedEtag ?? "(none: no record)"}.");
        }
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
                PreallocationSize = bytes.Length,
            };
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(bytes, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stray temp file is harmless: readers only open the record's own name.
        }
    }

    private async Task<StoredRecord?> ReadFileAsync(string path, string grainType, string key, string stateName, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.Asynchronous,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        byte[] bytes;
        await using (stream)
        {
            long length = stream.Length;
            if (length == 0)
            {
                throw Unreadable(path, "the file is empty");
            }

            if (length > MaxRecordBytes)
            {
                throw Unreadable(path, $"the file is {length} bytes, more than the {MaxRecordBytes}-byte limit of a record");
            }

            bytes = new byte[length];
            await stream.ReadExactlyAsync(bytes, ct);
        }

        if (!FileRecordEnvelope.TryParse(bytes, grainType, key, stateName, out StoredRecord? record, out string? problem))
        {
            throw Unreadable(path, problem!);
        }

        return record;
    }

    private InvalidDataException Unreadable(string path, string problem)
    {
        StorageLog.UnreadableRecord(_logger, path, problem);
        return new InvalidDataException(
            $"Grain state file '{path}' cannot be read: {problem}. It was left untouched; repair or remove it so the grain can activate.");
    }
}
