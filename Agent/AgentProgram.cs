using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Connection;
using CameraCloud.Agent.Control;
using CameraCloud.Agent.Logging;
using CameraCloud.Agent.Packaging;

namespace CameraCloud.Agent;

/// <summary>The composition root: parses the command line and runs the agent or the packager.</summary>
public sealed class AgentProgram(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, string defaultConfigPath, TimeProvider time)
{
    /// <summary>Makes the tunnel session for the reconnect loop (the mux in production).</summary>
    public required Func<TargetConnector, ControlHandler, IAgentSession> SessionFactory { get; init; }

    /// <summary>Builds the binary for <c>package</c>.</summary>
    public IAgentPublisher Publisher { get; init; } = new DotnetPublisher(DotnetPublisher.DefaultTimeout);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var arguments = AgentArguments.Parse(args);
        if (arguments.Errors.Count > 0)
        {
            return Usage(arguments.Errors);
        }
        switch (arguments.Command)
        {
            case AgentCommand.Help:
                stdout.WriteLine(AgentHelp.Text);
                return AgentExitCodes.Ok;
            case AgentCommand.Version:
                stdout.WriteLine($"cameracloud-agent {AgentVersion.Full}");
                return AgentExitCodes.Ok;
            case AgentCommand.Package:
                return await new PackageCommand(Publisher, stdout, stderr, time)
                    .RunAsync(arguments.Package!, Environment.CurrentDirectory, AppContext.BaseDirectory, ct);
        }

        var errors = new List<string>();
        var config = AgentConfigLoader.Load(arguments.Layer, arguments.ConfigPath, environment, defaultConfigPath, errors);
        if (config is null)
        {
            return Usage(errors);
        }
        var log = new AgentLog(stdout, time) { Minimum = config.LogLevel };
        log.Info($"cameracloud-agent {AgentVersion.Full} starting: {config}");
        var state = new AgentState(config, time);
        var connector = new TargetConnector(state.Targets, TargetConnector.DefaultConnectTimeout, log);
        var control = new ControlHandler(state, log);
        var supervisor = new AgentSupervisor(
            state,
            new WebSocketDialer(WebSocketDialer.DefaultConnectTimeout),
            SessionFactory(connector, control),
            new UdpLocalAddressProbe(),
            log,
            time,
            Random.Shared);
        return await supervisor.RunAsync(ct);
    }

    private int Usage(IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            stderr.WriteLine($"cameracloud-agent: {error}");
        }
        stderr.WriteLine("cameracloud-agent: see --help");
        return AgentExitCodes.Usage;
    }
}
