using CameraCloud.Agent.Connection;
using CameraCloud.Agent.Packaging;

namespace CameraCloud.Agent.Tests;

public sealed class PackageCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public void Dispose() => _dir.Dispose();

    private Task<int> RunAsync(IAgentPublisher publisher, string[] args) =>
        new AgentProgram(_stdout, _stderr, _ => null, "/nonexistent", TimeProvider.System)
        {
            SessionFactory = (_, _) => new ScriptedSession(),
            Publisher = publisher,
        }.RunAsync(args, CancellationToken.None);

    [Fact]
    public async Task Package_publishes_for_the_rid_and_writes_the_archive_into_the_output_folder()
    {
        var publisher = new FakePublisher();

        var code = await RunAsync(publisher, ["package", "--profile", "dahua-2449s-il", "--output", _dir.Path, "--source", RepositoryRoot.Path]);

        Assert.True(code == 0, _stderr.ToString());
        Assert.Equal([(Path.Combine(RepositoryRoot.Path, "Agent", "CameraCloud.Agent.csproj"), "linux-x64")], publisher.Calls);
        var archive = Path.Combine(_dir.Path, "cameracloud-agent-dahua-2449s-il-linux-x64.tar.gz");
        Assert.True(File.Exists(archive));
        Assert.Contains($"wrote {archive}", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_profile_lists_the_known_ones()
    {
        var code = await RunAsync(new FakePublisher(), ["package", "--profile", "hikvision", "--source", RepositoryRoot.Path]);

        Assert.Equal(AgentExitCodes.Usage, code);
        Assert.Contains("unknown profile 'hikvision'; known: dahua-2449s-il, generic", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("win-x64")]
    [InlineData("osx-arm64")]
    [InlineData("linux-x64;rm -rf")]
    public async Task A_non_linux_rid_is_refused(string rid)
    {
        var publisher = new FakePublisher();

        var code = await RunAsync(publisher, ["package", "--profile", "generic", "--rid", rid, "--source", RepositoryRoot.Path]);

        Assert.Equal(AgentExitCodes.Usage, code);
        Assert.Contains("is not a Linux one", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(publisher.Calls);
    }

    [Fact]
    public async Task Outside_a_checkout_it_says_where_to_run_it()
    {
        var code = await RunAsync(new FakePublisher(), ["package", "--profile", "generic", "--source", _dir.Path]);

        Assert.Equal(AgentExitCodes.Usage, code);
        Assert.Contains("Agent/CameraCloud.Agent.csproj not found", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_runtime_pack_exits_2_and_other_publish_failures_exit_1()
    {
        var missing = await RunAsync(new FakePublisher(new PublishException("no pack", missingRuntimePack: true)),
            ["package", "--profile", "generic", "--source", RepositoryRoot.Path, "--output", _dir.Path]);
        var broken = await RunAsync(new FakePublisher(new PublishException("compile error", missingRuntimePack: false)),
            ["package", "--profile", "generic", "--source", RepositoryRoot.Path, "--output", _dir.Path]);

        Assert.Equal(AgentExitCodes.Usage, missing);
        Assert.Equal(AgentExitCodes.Failure, broken);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public async Task A_real_publish_for_linux_arm64_packages_an_aarch64_executable()
    {
        var code = await RunAsync(new DotnetPublisher(TimeSpan.FromMinutes(5)),
            ["package", "--profile", "dahua-2449s-il", "--rid", "linux-arm64", "--output", _dir.Path, "--source", RepositoryRoot.Path]);

        Assert.True(code == 0, _stderr.ToString());
        var entries = await PackageReader.ReadAsync(Path.Combine(_dir.Path, "cameracloud-agent-dahua-2449s-il-linux-arm64.tar.gz"));
        var binary = entries["cameracloud-agent-dahua-2449s-il-linux-arm64/bin/cameracloud-agent"].Content;
        // ELF header: magic, 64-bit class, little endian, e_machine 183 (EM_AARCH64) at offset 18.
        Assert.Equal("\u007fELF"u8.ToArray(), binary[..4]);
        Assert.Equal(2, binary[4]);
        Assert.Equal(1, binary[5]);
        Assert.Equal(183, BitConverter.ToUInt16(binary, 18));
    }

    [Fact]
    public async Task A_real_publish_for_a_rid_whose_runtime_pack_the_feed_lacks_fails_fast_naming_the_pack()
    {
        // 32-bit ARM: the feed serves no runtime pack for it (linux-x64 and linux-arm64 it does).
        var code = await RunAsync(new DotnetPublisher(TimeSpan.FromMinutes(5)),
            ["package", "--profile", "generic", "--rid", "linux-arm", "--output", _dir.Path, "--source", RepositoryRoot.Path]);

        Assert.True(code == AgentExitCodes.Usage, _stderr.ToString());
        Assert.Contains(
            "cameracloud-agent package: the NuGet feed has no runtime pack for linux-arm (Microsoft.NETCore.App.Runtime.linux-arm)",
            _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
