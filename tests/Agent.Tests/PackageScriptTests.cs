namespace CameraCloud.Agent.Tests;

/// <summary>
/// The package's shell scripts, unpacked with the system's tar and run with /bin/sh (dash on Debian: a
/// strict POSIX shell like BusyBox's ash), on files under a temp folder only.
/// </summary>
public sealed class PackageScriptTests : IDisposable
{
    private const string Folder = "cameracloud-agent-dahua-2449s-il-linux-x64";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> UnpackAsync()
    {
        var binary = _dir.File("fake-binary");
        await File.WriteAllBytesAsync(binary, FakePublisher.Binary);
        var archive = await Packaging.PackageBuilder.WriteAsync(Packaging.CameraProfiles.Find("dahua-2449s-il")!, "linux-x64", binary, _dir.Path,
            DateTimeOffset.UnixEpoch, CancellationToken.None);
        var (code, output) = await ProcessRunner.RunAsync("tar", ["-xzf", archive, "-C", _dir.Path]);
        Assert.True(code == 0, output);
        return Path.Combine(_dir.Path, Folder);
    }

    [Theory]
    [InlineData("install.sh")]
    [InlineData("uninstall.sh")]
    [InlineData("init.d/cameracloud-agent")]
    public async Task Every_script_parses_with_sh(string script)
    {
        var package = await UnpackAsync();

        var (code, output) = await ProcessRunner.RunAsync("/bin/sh", ["-n", Path.Combine(package, script)]);

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Install_copies_the_agent_and_a_private_config_and_uninstall_removes_the_agent_but_keeps_the_config()
    {
        var package = await UnpackAsync();
        var prefix = _dir.File("opt/cameracloud-agent");
        var config = _dir.File("etc/cameracloud-agent.conf");

        var (installed, installOutput) = await ProcessRunner.RunAsync("/bin/sh",
            [Path.Combine(package, "install.sh"), "--prefix", prefix, "--config", config, "--no-service"]);

        Assert.True(installed == 0, installOutput);
        Assert.Equal(FakePublisher.Binary, await File.ReadAllBytesAsync(Path.Combine(prefix, "bin/cameracloud-agent")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(prefix, "bin/cameracloud-agent")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        Assert.Contains("target.rtsp = 127.0.0.1:554", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.Contains($"wrote {config}: set server, id and token in it", installOutput, StringComparison.Ordinal);
        // The installed uninstaller already knows where the agent is.
        var uninstaller = await File.ReadAllTextAsync(Path.Combine(prefix, "uninstall.sh"));
        Assert.Contains($"PREFIX=\"{prefix}\"", uninstaller, StringComparison.Ordinal);

        await File.AppendAllTextAsync(config, "# edited by the operator\n");
        var (again, againOutput) = await ProcessRunner.RunAsync("/bin/sh",
            [Path.Combine(package, "install.sh"), "--prefix", prefix, "--config", config, "--no-service"]);
        Assert.True(again == 0, againOutput);
        Assert.EndsWith("# edited by the operator\n", await File.ReadAllTextAsync(config), StringComparison.Ordinal);

        var (removed, removeOutput) = await ProcessRunner.RunAsync("/bin/sh", [Path.Combine(prefix, "uninstall.sh")]);
        Assert.True(removed == 0, removeOutput);
        Assert.False(Directory.Exists(prefix));
        Assert.True(File.Exists(config));

        var (purged, purgeOutput) = await ProcessRunner.RunAsync("/bin/sh",
            [Path.Combine(package, "uninstall.sh"), "--prefix", prefix, "--config", config, "--purge"]);
        Assert.True(purged == 0, purgeOutput);
        Assert.False(File.Exists(config));
    }

    [Fact]
    public async Task Install_refuses_a_relative_prefix_and_unknown_arguments()
    {
        var package = await UnpackAsync();

        var (relative, relativeOutput) = await ProcessRunner.RunAsync("/bin/sh", [Path.Combine(package, "install.sh"), "--prefix", "opt", "--no-service"]);
        var (unknown, unknownOutput) = await ProcessRunner.RunAsync("/bin/sh", [Path.Combine(package, "install.sh"), "--frobnicate"]);

        Assert.Equal(2, relative);
        Assert.Contains("--prefix must be an absolute directory", relativeOutput, StringComparison.Ordinal);
        Assert.Equal(2, unknown);
        Assert.Contains("unknown argument --frobnicate", unknownOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_init_script_respawns_the_agent_until_it_exits_with_3()
    {
        var package = await UnpackAsync();
        var prefix = _dir.File("prefix");
        Directory.CreateDirectory(Path.Combine(prefix, "bin"));
        var runs = _dir.File("runs");
        // A stand-in agent: asks for a restart (75) the first time, reports a revoked token (3) the second.
        var agent = Path.Combine(prefix, "bin/cameracloud-agent");
        await File.WriteAllTextAsync(agent, $"""
            #!/bin/sh
            echo "run $*" >>"{runs}"
            if [ "$(wc -l <"{runs}")" -lt 2 ]; then exit 75; fi
            exit 3
            """ + "\n");
        File.SetUnixFileMode(agent, (UnixFileMode)0b111_101_101);
        var script = _dir.File("init");
        var text = (await File.ReadAllTextAsync(Path.Combine(package, "init.d/cameracloud-agent")))
            .Replace("@PREFIX@", prefix, StringComparison.Ordinal)
            .Replace("@CONFIG@", "/etc/agent-test.conf", StringComparison.Ordinal)
            .Replace("RUNDIR=/var/run", $"RUNDIR={_dir.Path}", StringComparison.Ordinal)
            .Replace("RESPAWN_DELAY=2", "RESPAWN_DELAY=0", StringComparison.Ordinal);
        await File.WriteAllTextAsync(script, text);

        var (code, output) = await ProcessRunner.RunAsync("/bin/sh", [script, "respawn"]);

        Assert.Equal(0, code);
        Assert.Equal(["run --config /etc/agent-test.conf", "run --config /etc/agent-test.conf"], await File.ReadAllLinesAsync(runs));
        Assert.Contains("exited with code 75; restarting", output, StringComparison.Ordinal);
        Assert.Contains("revoked this agent (exit 3); not restarting", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "cameracloud-agent.pid")));
    }

    [Fact]
    public async Task The_init_script_starts_reports_and_stops_the_agent()
    {
        var package = await UnpackAsync();
        var prefix = _dir.File("prefix");
        Directory.CreateDirectory(Path.Combine(prefix, "bin"));
        var agent = Path.Combine(prefix, "bin/cameracloud-agent");
        // A stand-in agent that runs until SIGTERM, then exits 0 as the real one does.
        var marker = _dir.File("terminated");
        await File.WriteAllTextAsync(agent, $"""
            #!/bin/sh
            trap 'echo TERM >"{marker}"; exit 0' TERM
            echo "agent running"
            while :; do sleep 1; done
            """ + "\n");
        File.SetUnixFileMode(agent, (UnixFileMode)0b111_101_101);
        var script = _dir.File("init");
        var log = _dir.File("agent.log");
        await File.WriteAllTextAsync(script, (await File.ReadAllTextAsync(Path.Combine(package, "init.d/cameracloud-agent")))
            .Replace("@PREFIX@", prefix, StringComparison.Ordinal)
            .Replace("RUNDIR=/var/run", $"RUNDIR={_dir.Path}", StringComparison.Ordinal)
            .Replace("LOGFILE=\"/var/log/$NAME.log\"", $"LOGFILE=\"{log}\"", StringComparison.Ordinal));

        int started, running, stopped, after;
        string startOutput, runningOutput, stopOutput, afterOutput;
        try
        {
            (started, startOutput) = await ProcessRunner.RunAsync("/bin/sh", [script, "start"]);
            (running, runningOutput) = await ProcessRunner.RunAsync("/bin/sh", [script, "status"]);
        }
        finally
        {
            // Stop even when start misbehaved: a respawn loop must not outlive the test.
            (stopped, stopOutput) = await ProcessRunner.RunAsync("/bin/sh", [script, "stop"]);
        }
        (after, afterOutput) = await ProcessRunner.RunAsync("/bin/sh", [script, "status"]);

        Assert.True(started == 0, startOutput);
        Assert.True(running == 0, runningOutput);
        Assert.Contains("cameracloud-agent is running (pid", runningOutput, StringComparison.Ordinal);
        Assert.True(stopped == 0, stopOutput);
        Assert.Equal(3, after);
        Assert.Contains("cameracloud-agent is stopped", afterOutput, StringComparison.Ordinal);
        // stop returns after the respawn loop, which waits for the agent: the agent saw SIGTERM by now.
        Assert.Equal("TERM\n", await File.ReadAllTextAsync(marker));
        Assert.True(File.Exists(log));
    }
}
