using System.Globalization;
using System.Text.RegularExpressions;
using CameraCloud.TestSupport;

namespace CameraCloud.Chart.Tests.ThreeNodes;

/// <summary>
/// scripts/run-three-nodes.sh run for real, with --no-build against the CameraCloud.Silo.dll built beside
/// these tests: three nodes on 127.0.0.2-4 with one Redis, stopped by SIGTERM.
/// </summary>
public sealed partial class ThreeNodeScriptTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Addresses = ["127.0.0.2", "127.0.0.3", "127.0.0.4"];
    private static readonly string[] NodeIds = ["node-1", "node-2", "node-3"];

    [Fact]
    public async Task Help_names_the_options()
    {
        await using var run = ScriptRun.Start(["--help"]);

        Assert.Equal(0, await run.WaitForExitAsync(StopTimeout));
        foreach (var option in new[] { "--redis HOST:PORT", "--no-build", "--silo-dll", "--gateway-port", "--timeout" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Three_nodes_list_each_other_and_sigterm_stops_every_process_the_script_started()
    {
        await using var redis = await ScratchRedis.StartAsync();
        using var logs = new TemporaryFolder();
        var ports = Ports.Free();
        await using var run = ScriptRun.Start([.. ports.Arguments, "--redis", redis.EndPoint, "--log-dir", logs.Path, "--timeout", "100"]);

        await run.WaitForLineAsync(ClusterReady(), ReadyTimeout);

        // The script's word, checked: each node lists all three, each at its own advertised address.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        TestApiKeys.Authorize(http);
        foreach (var address in Addresses)
        {
            var body = await http.GetStringAsync(new Uri($"http://{address}:{ports.Gateway}/api/cluster/nodes"));
            Assert.All(NodeIds, id => Assert.Contains($"\"{id}\"", body, StringComparison.Ordinal));
            Assert.All(Addresses, a => Assert.Contains($"{a}:{ports.Gateway}", body, StringComparison.Ordinal));
        }

        Assert.Equal(NodeIds, run.Started.Select(s => s.Name));
        await AssertSigtermStopsEverythingAsync(run, logs);
        Assert.True(await redis.AnswersPingAsync(), "a Redis passed with --redis belongs to the caller and must be left running");
    }

    [Fact]
    public async Task Sigterm_once_the_nodes_are_ready_stops_the_nodes_and_the_redis_the_script_started()
    {
        using var logs = new TemporaryFolder();
        var ports = Ports.Free();
        var redisPort = FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture);
        await using var run = ScriptRun.Start([.. ports.Arguments, "--redis-port", redisPort, "--log-dir", logs.Path, "--timeout", "100"]);

        await run.WaitForLineAsync(NodeReady("node-3"), ReadyTimeout);

        Assert.Equal(["redis", .. NodeIds], run.Started.Select(s => s.Name));
        await AssertSigtermStopsEverythingAsync(run, logs);
    }

    private static async Task AssertSigtermStopsEverythingAsync(ScriptRun run, TemporaryFolder logs)
    {
        var tree = ProcessIdentity.DescendantsOf(run.Pid);
        var started = run.Started.Select(s => s.Pid).ToList();
        Assert.All(started, pid => Assert.Contains(tree, p => p.Pid == pid));

        run.Signal(PosixSignals.SigTerm);
        var exitCode = await run.WaitForExitAsync(StopTimeout);

        var left = tree.Where(p => p.IsRunning).ToList();
        Assert.True(left.Count == 0, $"still running after the script ended: {string.Join(", ", left)}\n{run.Output}\n{logs.Describe()}");
        Assert.Equal(143, exitCode);
        Assert.Contains("stopped; logs are in", run.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"cluster ready: every node lists node-1 node-2 node-3")]
    private static partial Regex ClusterReady();

    private static Regex NodeReady(string node) => new($@"run-three-nodes: {node} ready$");

    /// <summary>The ports of one run, free on every address, as the script's options.</summary>
    private sealed record Ports(int Gateway, int V720Http, int V720Tcp, int Mqtt)
    {
        public static Ports Free()
        {
            var ports = FreePorts.Take(4);
            return new Ports(ports[1], ports[2], ports[0], ports[3]);
        }

        public string[] Arguments =>
        [
            "--silo-dll", Path.Combine(AppContext.BaseDirectory, "CameraCloud.Silo.dll"),
            "--gateway-port", Text(Gateway), "--v720-http-port", Text(V720Http),
            "--v720-tcp-port", Text(V720Tcp), "--mqtt-port", Text(Mqtt),
        ];

        private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
    }
}
