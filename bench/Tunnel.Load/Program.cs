using System.Globalization;
using CameraCloud.Bench;
using CameraCloud.Bench.TunnelLoad;

// Tunnel figures, each beside its baselines measured in the same run: one TCP stream's throughput
// (iperf3) through the agent tunnel, directly over loopback and through `ssh -R`; round trips of small
// messages the same three ways; memory per idle connected agent. Prints; never fails on a number.
string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var siloDll = Arg("--silo", "");
var agentDll = Arg("--agent", "");
var seconds = int.Parse(Arg("--seconds", "10"), CultureInfo.InvariantCulture);
var idleAgents = int.Parse(Arg("--idle-agents", "2000"), CultureInfo.InvariantCulture);
var roundTrips = int.Parse(Arg("--round-trips", "5000"), CultureInfo.InvariantCulture);
if (!File.Exists(siloDll) || !File.Exists(agentDll))
{
    Console.Error.WriteLine("usage: --silo <CameraCloud.Silo.dll> --agent <cameracloud-agent.dll> [--seconds 10] [--idle-agents 2000] [--round-trips 5000] (bench/run-tunnel-load.sh builds both)");
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

var portBase = 40000 + Random.Shared.Next(0, 200) * 100;
await using var silo = await SiloProcess.StartAsync(siloDll, ct, $"--Tunnel:PortRange={portBase}-{portBase + 2999}", "--Tunnel:BindAddress=127.0.0.1");
using var gateway = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(60) };
silo.Authorize(gateway);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores shared by silo, agent, iperf3 and ssh");

var iperfPort = CameraCloud.V720.Simulator.LoopbackPorts.Tcp();
await using var iperf = Iperf3.StartServer(iperfPort);
await using var echo = new EchoServer();
var agent = await ProvisionedAgent.CreateAsync(gateway, "bench-tunnel", new Dictionary<string, int> { ["iperf"] = iperfPort, ["echo"] = echo.Port }, ct);
await using var agentProcess = ChildProcess.Start("dotnet", agentDll, "--server", silo.Gateway.ToWebSocketUri().ToString(), "--id", agent.Id, "--token", agent.Token,
    "--target", $"iperf=127.0.0.1:{iperfPort}", "--target", $"echo=127.0.0.1:{echo.Port}");
await agent.WaitOnlineAsync(gateway, ct);
await using var sshIperf = await SshReverseTunnel.StartAsync(iperfPort, ct);
await using var sshEcho = await SshReverseTunnel.StartAsync(echo.Port, ct);

Console.WriteLine($"== one TCP stream, iperf3 -t {seconds}, Gbit/s (two runs each, interleaved)");
var paths = new (string Name, int Port)[] { ("direct loopback", iperfPort), ("agent tunnel", agent.GatewayPorts["iperf"]), ("ssh -R", sshIperf.Port) };
var throughput = paths.ToDictionary(p => p.Name, _ => new List<double>());
for (var run = 0; run < 2; run++)
{
    foreach (var (name, port) in paths)
    {
        throughput[name].Add(await Iperf3.MeasureAsync(port, seconds));
    }
}
foreach (var (name, results) in throughput)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16} {string.Join("  ", results.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}   best {results.Max():F2}"));
}
var agentSample = ProcessMeter.Sample(agentProcess.Process.Id);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"agent process RSS after the runs: {agentSample.RssBytes / 1048576.0:F1} MB"));

Console.WriteLine($"== round trips of 64-byte messages on one connection, microseconds ({roundTrips} each)");
foreach (var (name, port) in new (string, int)[] { ("direct loopback", echo.Port), ("agent tunnel", agent.GatewayPorts["echo"]), ("ssh -R", sshEcho.Port) })
{
    var latency = await LatencyProbe.MeasureAsync(port, roundTrips, 64, ct);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16} p50 {latency.P50Microseconds,8:F0}   p99 {latency.P99Microseconds,8:F0}"));
}

Console.WriteLine($"== memory per idle connected agent ({idleAgents} agents)");
var before = ProcessMeter.Sample(silo.Pid);
await using var idle = new IdleAgents();
for (var i = 0; i < idleAgents; i++)
{
    var provisioned = await ProvisionedAgent.CreateAsync(gateway, $"idle-{i:D5}", new Dictionary<string, int> { ["rtsp"] = 554 }, ct);
    await idle.ConnectAsync(silo.Gateway, provisioned, ct);
}
await Task.Delay(TimeSpan.FromSeconds(15), ct);
var after = ProcessMeter.Sample(silo.Pid);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"silo RSS {before.RssBytes / 1048576.0:F0} MB -> {after.RssBytes / 1048576.0:F0} MB with {idle.Count} idle agents: {(after.RssBytes - before.RssBytes) / 1024.0 / idle.Count:F1} KB per idle agent (aim <= 50 KB)"));
return 0;
