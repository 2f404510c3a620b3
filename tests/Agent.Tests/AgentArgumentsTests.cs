using CameraCloud.Agent.Configuration;

namespace CameraCloud.Agent.Tests;

public sealed class AgentArgumentsTests
{
    [Fact]
    public void Values_may_follow_or_be_joined_with_equals()
    {
        var parsed = AgentArguments.Parse(["run", "--server=wss://a.example", "--id", "cam", "--target=rtsp=127.0.0.1:554"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(AgentCommand.Run, parsed.Command);
        Assert.Equal("wss://a.example", parsed.Layer.Server);
        Assert.Equal("cam", parsed.Layer.Id);
        Assert.Equal([new AgentTarget("rtsp", "127.0.0.1", 554)], parsed.Layer.Targets);
    }

    [Fact]
    public void Unknown_arguments_and_missing_values_are_errors()
    {
        var parsed = AgentArguments.Parse(["--sever", "x", "--id"]);

        Assert.Contains("unknown argument '--sever' (see --help)", parsed.Errors);
        Assert.Contains("--id needs a value", parsed.Errors);
    }

    [Fact]
    public void The_same_target_twice_on_the_command_line_is_an_error()
    {
        var parsed = AgentArguments.Parse(["--target", "rtsp=h:1", "--target", "rtsp=h:2"]);

        Assert.Contains("--target: 'rtsp' is given twice", parsed.Errors);
    }

    [Fact]
    public void Help_and_version_win_over_everything_else()
    {
        Assert.Equal(AgentCommand.Help, AgentArguments.Parse(["--id", "x", "--help"]).Command);
        Assert.Equal(AgentCommand.Version, AgentArguments.Parse(["--version"]).Command);
        Assert.Equal(AgentCommand.Help, AgentArguments.Parse(["package", "-h"]).Command);
    }

    [Fact]
    public void Package_takes_its_own_options_with_defaults()
    {
        var parsed = AgentArguments.Parse(["package", "--profile", "dahua-2449s-il"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(AgentCommand.Package, parsed.Command);
        Assert.Equal(new Packaging.PackageRequest("dahua-2449s-il", "linux-x64", ".", null), parsed.Package);
    }

    [Fact]
    public void Package_without_a_profile_or_with_run_options_is_an_error()
    {
        var parsed = AgentArguments.Parse(["package", "--server", "ws://h:1"]);

        Assert.Contains("unknown argument '--server' (see --help)", parsed.Errors);
        Assert.Contains("package needs --profile <name>", parsed.Errors);
    }
}
