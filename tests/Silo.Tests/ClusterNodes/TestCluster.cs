using System.Net;
using System.Text.Json;
using CameraCloud.Gateway.Cluster;
using CameraCloud.Silo.Tests.Storage.Redis;
using CameraCloud.TestSupport;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.ClusterNodes;

/// <summary>
/// A real cluster on loopback: a redis-server, two or three node processes on 127.0.0.2.., and two balancers
/// on 127.0.0.1 in front of them, one for the gateway (REST, agents) and one for the cameras' HTTP bootstrap.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(RedisServer redis, ClusterPorts ports, NodeProcess[] nodes, LoopbackBalancer gateway, LoopbackBalancer bootstrap)
    {
        Redis = redis;
        Ports = ports;
        Nodes = nodes;
        GatewayBalancer = gateway;
        BootstrapBalancer = bootstrap;
        Client = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(30) };
        TestApiKeys.Authorize(Client);
    }

    public RedisServer Redis { get; }
    public ClusterPorts Ports { get; }
    public NodeProcess[] Nodes { get; }
    public LoopbackBalancer GatewayBalancer { get; }
    public LoopbackBalancer BootstrapBalancer { get; }

    /// <summary>A client of the one address, as the bootstrap admin every node accepts: each request may reach any node.</summary>
    public HttpClient Client { get; }

    public static CancellationToken Within(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static async Task<TestCluster> StartAsync(int nodeCount, bool persistentRedis = false)
    {
        var redis = await RedisServer.StartAsync(persistentRedis);
        var ports = ClusterPorts.Pick();
        var nodes = new List<NodeProcess>();
        try
        {
            // One after the other: on two cores, parallel starts only make each slower.
            for (var i = 0; i < nodeCount; i++)
            {
                nodes.Add(await NodeProcess.StartAsync(i, ports, redis));
            }
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            await redis.DisposeAsync();
            throw;
        }
        var gateway = LoopbackBalancer.Start(nodes.Select(n => new IPEndPoint(IPAddress.Parse(n.Address), ports.Gateway)));
        var bootstrap = LoopbackBalancer.Start(nodes.Select(n => new IPEndPoint(IPAddress.Parse(n.Address), ports.V720Http)));
        var cluster = new TestCluster(redis, ports, [.. nodes], gateway, bootstrap);
        await cluster.WaitAllSeeEachOtherAsync(Within(30));
        return cluster;
    }

    /// <summary>Sends new device connections only to <paramref name="nodes"/>, as if the others were not ready.</summary>
    public void RouteDevicesTo(params NodeProcess[] nodes)
    {
        GatewayBalancer.SetBackends(nodes.Select(n => new IPEndPoint(IPAddress.Parse(n.Address), Ports.Gateway)));
        BootstrapBalancer.SetBackends(nodes.Select(n => new IPEndPoint(IPAddress.Parse(n.Address), Ports.V720Http)));
    }

    /// <summary>A camera whose bootstrap goes through the one address and that finds another node when its own is gone.</summary>
    public SimulatedCameraOptions CameraOptions(string deviceId) => new()
    {
        ServerHost = "127.0.0.1",
        HttpPort = BootstrapBalancer.Port,
        DeviceId = deviceId,
        Seed = 7,
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
        BootstrapAgainWhenServerGone = true,
        WaitTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Polls every node until each lists every live node: membership is another process's state.</summary>
    public async Task WaitAllSeeEachOtherAsync(CancellationToken cancellationToken)
    {
        var live = Nodes.Where(n => !n.HasExited).ToList();
        var expected = live.Select(n => n.NodeId).Order(StringComparer.Ordinal).ToList();
        await PollAsync(async () =>
        {
            foreach (var node in live)
            {
                var view = await node.Client.GetFromJsonAsync<JsonElement>("api/cluster/nodes", cancellationToken);
                var seen = view.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()!).Order(StringComparer.Ordinal);
                if (!seen.SequenceEqual(expected))
                {
                    return false;
                }
            }
            return true;
        }, "every node to list " + string.Join(", ", expected), cancellationToken);
    }

    /// <summary>The node that holds the device according to <paramref name="askNode"/>, or null.</summary>
    public static async Task<DeviceOwnerView?> OwnerAsync(NodeProcess askNode, string kind, string id, CancellationToken cancellationToken)
    {
        using var response = await askNode.Client.GetAsync($"api/cluster/owners/{kind}/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DeviceOwnerView>(cancellationToken);
    }

    /// <summary>Waits until every live node names the same live owner for the device, and returns that node.</summary>
    public async Task<NodeProcess> WaitOwnerAsync(string kind, string id, Func<NodeProcess, bool> acceptable, CancellationToken cancellationToken)
    {
        NodeProcess? owner = null;
        await PollAsync(async () =>
        {
            string? agreed = null;
            foreach (var node in Nodes.Where(n => !n.HasExited))
            {
                var view = await OwnerAsync(node, kind, id, cancellationToken);
                if (view is null || !view.NodeLive || (agreed is not null && agreed != view.NodeId))
                {
                    return false;
                }
                agreed = view.NodeId;
            }
            owner = Nodes.Single(n => n.NodeId == agreed);
            return acceptable(owner);
        }, $"one live owner of {kind}/{id} agreed by all nodes", cancellationToken);
        return owner!;
    }

    /// <summary>
    /// Asks <paramref name="node"/> itself, never its owner: the forwarded-by header makes a node answer from its
    /// own grain. So this says whether this node holds the device's connection.
    /// </summary>
    public static async Task<JsonElement> LocalViewAsync(NodeProcess node, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClusterHeaders.ForwardedBy, "test");
        using var response = await node.Client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary>Which node served a response (the owner, also when another node forwarded it).</summary>
    public static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ClusterHeaders.ServedBy, out var values) ? values.Single() : null;

    /// <summary>
    /// Re-checks a condition on other processes every 100 ms until it holds; their state has no signal this
    /// process could wait on but their endpoints. Fails with what it waited for when the token ends.
    /// </summary>
    public static async Task PollAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
                last = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or InvalidOperationException
                or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited in vain for {what}." + (last is null ? "" : $" Last error: {last.Message}"));
            }
        }
    }

    public string Logs => string.Join("\n\n", Nodes.Select(n => $"--- {n.NodeId} ---\n{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await GatewayBalancer.DisposeAsync();
        await BootstrapBalancer.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        await Redis.DisposeAsync();
    }
}
