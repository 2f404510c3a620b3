using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace CameraCloud.Agent.Packaging;

/// <summary>
/// Writes the distributable <c>cameracloud-agent-&lt;profile&gt;-&lt;rid&gt;.tar.gz</c>: one top folder of that
/// name holding bin/, etc/, systemd/, init.d/, install.sh, uninstall.sh and README.txt, owned by root,
/// in plain ustar format (BusyBox tar reads it),
/// executables 0755.
/// </summary>
public static class PackageBuilder
{
    public const string BinaryName = "cameracloud-agent";

    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Regular = (UnixFileMode)0b110_100_100;

    public static string FolderName(CameraProfile profile, string runtimeIdentifier) =>
        $"cameracloud-agent-{profile.Name}-{runtimeIdentifier}";

    /// <summary>Writes the archive into <paramref name="outputDirectory"/> and returns its path.</summary>
    public static async Task<string> WriteAsync(
        CameraProfile profile, string runtimeIdentifier, string binaryPath, string outputDirectory, DateTimeOffset timestamp, CancellationToken ct)
    {
        var folder = FolderName(profile, runtimeIdentifier);
        Directory.CreateDirectory(outputDirectory);
        var path = Path.Combine(outputDirectory, folder + ".tar.gz");
        var temporary = path + ".partial";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: false))
        {
            async Task Directory(string name) =>
                await tar.WriteEntryAsync(Entry(TarEntryType.Directory, $"{folder}/{name}", Executable, timestamp), ct);

            async Task Text(string name, string content, UnixFileMode mode)
            {
                var entry = Entry(TarEntryType.RegularFile, $"{folder}/{name}", mode, timestamp);
                entry.DataStream = new MemoryStream(new UTF8Encoding(false).GetBytes(content));
                await tar.WriteEntryAsync(entry, ct);
            }

            await Directory("");
            await Directory("bin/");
            await using (var binary = File.OpenRead(binaryPath))
            {
                var entry = Entry(TarEntryType.RegularFile, $"{folder}/bin/{BinaryName}", Executable, timestamp);
                entry.DataStream = binary;
                await tar.WriteEntryAsync(entry, ct);
            }
            await Directory("etc/");
            await Text($"etc/{BinaryName}.conf", PackageTemplates.ConfigFile(profile), Regular);
            await Directory("systemd/");
            await Text($"systemd/{BinaryName}.service", PackageTemplates.SystemdUnit(), Regular);
            await Directory("init.d/");
            await Text($"init.d/{BinaryName}", PackageTemplates.InitScript(), Executable);
            await Text("install.sh", PackageTemplates.InstallScript(), Executable);
            await Text("uninstall.sh", PackageTemplates.UninstallScript(), Executable);
            await Text("README.txt", PackageTemplates.Readme(profile, runtimeIdentifier, folder), Regular);
        }
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    private static UstarTarEntry Entry(TarEntryType type, string name, UnixFileMode mode, DateTimeOffset timestamp) =>
        new(type, name)
        {
            Mode = mode,
            ModificationTime = timestamp,
            Uid = 0,
            Gid = 0,
            UserName = "root",
            GroupName = "root",
        };
}
