using System.Formats.Tar;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Packaging;

namespace CameraCloud.Agent.Tests;

public sealed class PackageBuilderTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Regular = (UnixFileMode)0b110_100_100;
    private const string Folder = "cameracloud-agent-dahua-2449s-il-linux-x64";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> BuildAsync(string profile = "dahua-2449s-il")
    {
        var binary = _dir.File("fake-binary");
        await File.WriteAllBytesAsync(binary, FakePublisher.Binary);
        return await PackageBuilder.WriteAsync(CameraProfiles.Find(profile)!, "linux-x64", binary, _dir.File("out"),
            new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero), CancellationToken.None);
    }

    [Fact]
    public async Task The_archive_holds_the_binary_config_unit_init_script_installers_and_readme_with_their_modes()
    {
        var archive = await BuildAsync();

        Assert.Equal(_dir.File($"out/{Folder}.tar.gz"), archive);
        var entries = await PackageReader.ReadAsync(archive);
        Assert.Equal(
            new Dictionary<string, (TarEntryType, UnixFileMode)>
            {
                [$"{Folder}/"] = (TarEntryType.Directory, Executable),
                [$"{Folder}/bin/"] = (TarEntryType.Directory, Executable),
                [$"{Folder}/bin/cameracloud-agent"] = (TarEntryType.RegularFile, Executable),
                [$"{Folder}/etc/"] = (TarEntryType.Directory, Executable),
                [$"{Folder}/etc/cameracloud-agent.conf"] = (TarEntryType.RegularFile, Regular),
                [$"{Folder}/systemd/"] = (TarEntryType.Directory, Executable),
                [$"{Folder}/systemd/cameracloud-agent.service"] = (TarEntryType.RegularFile, Regular),
                [$"{Folder}/init.d/"] = (TarEntryType.Directory, Executable),
                [$"{Folder}/init.d/cameracloud-agent"] = (TarEntryType.RegularFile, Executable),
                [$"{Folder}/install.sh"] = (TarEntryType.RegularFile, Executable),
                [$"{Folder}/uninstall.sh"] = (TarEntryType.RegularFile, Executable),
                [$"{Folder}/README.txt"] = (TarEntryType.RegularFile, Regular),
            },
            entries.ToDictionary(e => e.Key, e => (e.Value.Type, e.Value.Mode)));
        Assert.All(entries.Values, e => Assert.Equal((0, "root"), (e.Uid, e.UserName)));
        Assert.Equal(FakePublisher.Binary, entries[$"{Folder}/bin/cameracloud-agent"].Content);
        Assert.False(File.Exists(archive + ".partial"));
    }

    [Fact]
    public async Task The_config_template_lists_the_profile_targets_and_fails_validation_until_filled_in()
    {
        var entries = await PackageReader.ReadAsync(await BuildAsync());
        var template = entries[$"{Folder}/etc/cameracloud-agent.conf"].Text;

        var errors = new List<string>();
        var layer = ConfigFileParser.Parse(template, "template", errors);
        Assert.Empty(errors);
        Assert.Equal([new AgentTarget("rtsp", "127.0.0.1", 554), new AgentTarget("http", "127.0.0.1", 80)], layer.Targets);
        Assert.Equal("dahua-2449s-il", layer.Model);
        Assert.Contains("/cam/realmonitor?channel=1&subtype=0", template, StringComparison.Ordinal);

        var path = _dir.File("template.conf");
        await File.WriteAllTextAsync(path, template);
        AgentConfigLoader.Load(new ConfigLayer(), path, _ => null, "/nonexistent", errors);
        Assert.Equal(3, errors.Count(e => e.Contains("placeholder CHANGE-ME", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_generic_profile_has_rtsp_only()
    {
        var binary = _dir.File("fake-binary");
        await File.WriteAllBytesAsync(binary, FakePublisher.Binary);
        var archive = await PackageBuilder.WriteAsync(CameraProfiles.Find("generic")!, "linux-x64", binary, _dir.Path, DateTimeOffset.UnixEpoch, CancellationToken.None);

        var entries = await PackageReader.ReadAsync(archive);
        var errors = new List<string>();
        var layer = ConfigFileParser.Parse(entries["cameracloud-agent-generic-linux-x64/etc/cameracloud-agent.conf"].Text, "t", errors);

        Assert.Equal([new AgentTarget("rtsp", "127.0.0.1", 554)], layer.Targets);
    }

    [Fact]
    public async Task The_systemd_unit_restarts_always_except_after_a_revoked_token()
    {
        var unit = (await PackageReader.ReadAsync(await BuildAsync()))[$"{Folder}/systemd/cameracloud-agent.service"].Text;

        Assert.Contains("ExecStart=@PREFIX@/bin/cameracloud-agent --config @CONFIG@\n", unit, StringComparison.Ordinal);
        Assert.Contains("Restart=always\n", unit, StringComparison.Ordinal);
        Assert.Contains("RestartSec=2\n", unit, StringComparison.Ordinal);
        Assert.Contains("RestartPreventExitStatus=3\n", unit, StringComparison.Ordinal);
        Assert.Contains("StartLimitIntervalSec=0\n", unit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_names_the_archive_and_the_profile()
    {
        var readme = (await PackageReader.ReadAsync(await BuildAsync()))[$"{Folder}/README.txt"].Text;

        Assert.Contains($"tar xzf {Folder}.tar.gz", readme, StringComparison.Ordinal);
        Assert.Contains("profile dahua-2449s-il, runtime linux-x64", readme, StringComparison.Ordinal);
        Assert.Contains("rtsp   127.0.0.1:554  path /cam/realmonitor?channel=1&subtype=0", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", readme, StringComparison.Ordinal);
    }
}
