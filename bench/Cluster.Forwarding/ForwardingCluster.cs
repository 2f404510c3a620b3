using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>
/// A redis-server and two node processes sharing it: A (127.0.0.2) holds the cameras, B (127.0.0.3) forwards
/// requests for them to A. Each node's own ports; each process measured on its own.
/// </summary>
public sealed class ForwardingCluster : IAsyncDisposable
{
    public const string OwnerNodeId = "node-a";
    public const string ForwarderNodeId = "node-b";

    private ForwardingCluster(RedisServerProcess redis, SiloProcess owner, SiloProcess forwarder)
    {
        Redis = redis;
        Owner = owner;
        Forwarder = forwarder;
        OwnerClient = StreamingClient(owner);
        ForwarderClient = StreamingClient(forwarder);
    }

    public RedisServerProcess Redis { get; }

    /// <summary>Node A: the cameras connect here.</summary>
    public SiloProcess Owner { get; }

    /// <summary>Node B: holds no camera, forwards its viewers to A.</summary>
    public SiloProcess Forwarder { get; }

    public HttpClient OwnerClient { get; }

    public HttpClient ForwarderClient { get; }

    public HttpClient ClientFor(ViewerPath path) => path == ViewerPath.Direct ? OwnerClient : ForwarderClient;

    public static async Task<ForwardingCluster> StartAsync(string siloDll, CancellationToken cancellationToken)
    {
        var redis = await RedisServerProcess.StartAsync(cancellationToken);
        // One key for both: B forwards a viewer's request to A with the viewer's Authorization header.
        var adminKey = SiloProcess.NewAdminKey();
        SiloProcess? owner = null;
        SiloProcess? forwarder = null;
        try
        {
            // One after the other: on two cores, parallel starts only make each slower.
            owner = await StartNodeAsync(siloDll, OwnerNodeId, "127.0.0.2", redis, adminKey, cancellationToken);
            forwarder = await StartNodeAsync(siloDll, ForwarderNodeId, "127.0.0.3", redis, adminKey, cancellationToken);
        }
        catch
        {
            if (owner is not null)
            {
                await owner.DisposeAsync();
            }
            await redis.DisposeAsync();
            throw;
        }
        var cluster = new ForwardingCluster(redis, owner, forwarder);
        try
        {
            await cluster.WaitBothListedAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until B's directory names A, live, as the owner of the camera: only then is a viewer on B forwarded.</summary>
    public Task WaitOwnedByAAsync(string cameraId, CancellationToken cancellationToken) =>
        PollAsync(async token =>
        {
            using var response = await ForwarderClient.GetAsync($"api/cluster/owners/camera/{cameraId}", token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
            response.EnsureSuccessStatusCode();
            var owner = await response.Content.ReadFromJsonAsync<JsonElement>(token);
            return owner.GetProperty("nodeId").GetString() == OwnerNodeId && owner.GetProperty("nodeLive").GetBoolean();
        }, $"node B to name {OwnerNodeId} as the owner of camera {cameraId}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        OwnerClient.Dispose();
        ForwarderClient.Dispose();
        await Forwarder.DisposeAsync();
        await Owner.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private static Task<SiloProcess> StartNodeAsync(
        string siloDll, string nodeId, string address, RedisServerProcess redis, string adminKey, CancellationToken cancellationToken) =>
        SiloProcess.StartAsync(siloDll, new SiloProcessOptions
        {
            Name = nodeId,
            Address = address,
            AdminKey = adminKey,
            ExtraArgs = gateway =>
            [
                "--Storage:Provider=Redis",
                $"--Storage:Redis={redis.ConnectionString}",
                $"--Cluster:NodeId={nodeId}",
                $"--Cluster:AdvertiseAddress={gateway.GetLeftPart(UriPartial.Authority)}",
                $"--Tunnel:BindAddress={address}",
                $"--Tunnel:PublicHost={address}",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            ],
        }, cancellationToken);

    /// <summary>A client of <paramref name="node"/> that calls the API as its admin.</summary>
    private static HttpClient StreamingClient(SiloProcess node)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
        {
            BaseAddress = node.Gateway,
            // Streams are endless; every wait on them is bounded by the caller instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        node.Authorize(client);
        return client;
    }

    private Task WaitBothListedAsync(CancellationToken cancellationToken) =>
        PollAsync(async token =>
        {
            foreach (var client in new[] { OwnerClient, ForwarderClient })
            {
                var view = await client.GetFromJsonAsync<JsonElement>("api/cluster/nodes", token);
                var ids = view.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()).ToHashSet();
                if (!ids.Contains(OwnerNodeId) || !ids.Contains(ForwarderNodeId))
                {
                    return false;
                }
            }
            return true;
        }, "both nodes to list each other", cancellationToken);

    /// <summary>
    /// Re-checks another process's state every 100 ms, for at most 30 s: it has no signal but its endpoints.
    /// </summary>
    private static async Task PollAsync(Func<CancellationToken, Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        string? last = null;
        while (true)
        {
            try
            {
                if (await condition(deadline.Token))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException)
            {
                last = ex.Message;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"waited 30 s in vain for {what}" + (last is null ? "" : $"; last error: {last}"));
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"waited 30 s in vain for {what}" + (last is null ? "" : $"; last error: {last}"));
            }
        }
    }
}
