using CameraCloud.Agent;
using CameraCloud.Agent.Configuration;
using CameraCloud.Agent.Connection;

using var shutdown = new ShutdownSignal();
var program = new AgentProgram(Console.Out, Console.Error, Environment.GetEnvironmentVariable, AgentConfigLoader.DefaultConfigPath, TimeProvider.System)
{
    SessionFactory = (connector, control) => new AgentConnection(connector, control, TimeProvider.System),
};
return await program.RunAsync(args, shutdown.Token);
