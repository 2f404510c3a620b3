using System.Formats.Tar;
using System.IO.Compression;

namespace CameraCloud.Agent.Tests;

/// <summary>Reads a package back, and unpacks it with the system's tar for the scripts to run.</summary>
internal static class PackageReader
{
    public static async Task<Dictionary<string, PackageEntry>> ReadAsync(string archive)
    {
        var entries = new Dictionary<string, PackageEntry>();
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: true) is { } entry)
        {
            var content = new MemoryStream();
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(content);
            }
            entries.Add(entry.Name, new PackageEntry(entry.Name, entry.EntryType, entry.Mode, entry.Uid, ((PosixTarEntry)entry).UserName, content.ToArray()));
        }
        return entries;
    }
}
