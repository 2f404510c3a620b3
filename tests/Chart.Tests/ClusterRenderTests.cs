using System.Text.Json.Nodes;

namespace CameraCloud.Chart.Tests;

/// <summary>The chart's cluster settings rendered: roles, node identity, V720 pod addresses, Redis persistence.</summary>
public sealed class ClusterRenderTests
{
    private static string Example(string name) => Path.Combine(ChartFolder.Chart, "examples", name);

    [Fact]
    public async Task Default_roles_become_cluster_roles_and_every_service_is_rendered()
    {
        var chart = await ChartRenderer.RenderAsync();

        Assert.Equal(["edge", "gateway"], RoleEnvironment(chart));
        Assert.True(chart.Has("Service", "camera-cloud"));
        Assert.True(chart.Has("Service", "camera-cloud-v720"));
        Assert.True(chart.Has("Service", "camera-cloud-tunnel"));
    }

    [Fact]
    public async Task Edge_role_alone_has_the_camera_services_and_no_agent_port_service()
    {
        var chart = await ChartRenderer.RenderAsync(Example("role-edge.yaml"));

        Assert.Equal(["edge"], RoleEnvironment(chart));
        Assert.True(chart.Has("Service", "camera-cloud"), "the HTTP Service carries REST and the agents' WebSocket");
        Assert.True(chart.Has("Service", "camera-cloud-v720"));
        Assert.False(chart.Has("Service", "camera-cloud-tunnel"));
        Assert.NotNull(chart.Port("v720-tcp"));
        Assert.Equal("6123", chart.EnvironmentValue("V720__TcpPort"));
    }

    [Fact]
    public async Task Gateway_role_alone_has_the_agent_port_service_and_no_camera_service()
    {
        using var split = new TemporaryValues("service:\n  v720:\n    splitProtocols: true\n");

        var chart = await ChartRenderer.RenderAsync(Example("role-gateway.yaml"), split.Path);

        Assert.Equal(["gateway"], RoleEnvironment(chart));
        Assert.True(chart.Has("Service", "camera-cloud"));
        Assert.True(chart.Has("Service", "camera-cloud-tunnel"));
        Assert.DoesNotContain(chart.OfKind("Service"), s => ((string?)s["metadata"]!["name"])!.Contains("v720", StringComparison.Ordinal));
        Assert.Null(chart.Port("v720-tcp"));
        Assert.Null(chart.Port("v720-udp"));
        Assert.DoesNotContain(chart.Environment.Keys, k => k.StartsWith("V720__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Node_id_and_advertise_address_come_from_the_pod()
    {
        using var port = new TemporaryValues("gateway:\n  port: 9090\n");

        var chart = await ChartRenderer.RenderAsync(port.Path);

        Assert.Equal("metadata.name", (string?)chart.Environment["Cluster__NodeId"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("status.podIP", (string?)chart.Environment["POD_IP"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal("http://$(POD_IP):9090", chart.EnvironmentValue("Cluster__AdvertiseAddress"));
        // Kubernetes expands $(POD_IP) only from variables defined earlier in the list.
        var names = chart.Node["env"]!.AsArray().Select(e => (string?)e!["name"]).ToList();
        Assert.True(names.IndexOf("POD_IP") < names.IndexOf("Cluster__AdvertiseAddress"), "POD_IP must come before Cluster__AdvertiseAddress");
    }

    [Fact]
    public async Task Cluster_timings_follow_the_values()
    {
        using var timings = new TemporaryValues("cluster:\n  heartbeatInterval: \"00:00:01\"\n  nodeExpiry: \"00:00:04\"\n  leaseDuration: \"00:00:20\"\n");

        var defaults = await ChartRenderer.RenderAsync();
        var changed = await ChartRenderer.RenderAsync(timings.Path);

        Assert.Equal("00:00:02", defaults.EnvironmentValue("Cluster__HeartbeatInterval"));
        Assert.Equal("00:00:10", defaults.EnvironmentValue("Cluster__NodeExpiry"));
        Assert.Equal("00:00:15", defaults.EnvironmentValue("Cluster__LeaseDuration"));
        Assert.Equal("00:00:01", changed.EnvironmentValue("Cluster__HeartbeatInterval"));
        Assert.Equal("00:00:04", changed.EnvironmentValue("Cluster__NodeExpiry"));
        Assert.Equal("00:00:20", changed.EnvironmentValue("Cluster__LeaseDuration"));
    }

    [Fact]
    public async Task Pod_address_takes_the_host_port_and_tells_cameras_the_node_address()
    {
        var chart = await ChartRenderer.RenderAsync(Example("cluster-three-nodes.yaml"));

        Assert.Equal(6123, (int)chart.Port("v720-tcp")!["hostPort"]!);
        Assert.Equal(6123, (int)chart.Port("v720-udp")!["hostPort"]!);
        Assert.Null(chart.Port("http")!["hostPort"]);
        Assert.Null(chart.Port("v720-http")!["hostPort"]);
        Assert.Null(chart.Port("mqtt")!["hostPort"]);
        Assert.Equal("status.hostIP", (string?)chart.Environment["V720__PublicHost"]["valueFrom"]!["fieldRef"]!["fieldPath"]);
        Assert.Equal(["TCP/80", "TCP/1883"], Ports(chart.Get("Service", "camera-cloud-v720")));
        Assert.False(chart.Has("Service", "camera-cloud-v720-udp"));
    }

    [Fact]
    public async Task Pod_address_keeps_one_pod_per_node_and_rolls_without_surge()
    {
        var chart = await ChartRenderer.RenderAsync(Example("cluster-three-nodes.yaml"));

        var deployment = chart.Get("Deployment", "camera-cloud");
        var term = chart.Pod["affinity"]!["podAntiAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!.AsArray().Single()!;
        Assert.Equal("kubernetes.io/hostname", (string?)term["topologyKey"]);
        Assert.True(
            JsonNode.DeepEquals(deployment["spec"]!["selector"]!["matchLabels"], term["labelSelector"]!["matchLabels"]),
            "the anti-affinity must select exactly this release's node pods");
        Assert.Equal(0, (int)deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxSurge"]!);
        Assert.Equal(1, (int)deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]!);
    }

    [Fact]
    public async Task Pod_address_adds_to_the_operators_affinity()
    {
        using var affinity = new TemporaryValues(
            "affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n"
            + "        - matchExpressions: [{key: camera-lan, operator: Exists}]\n"
            + "  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n"
            + "      - topologyKey: topology.kubernetes.io/zone\n        labelSelector: {matchLabels: {app: other}}\n");

        var chart = await ChartRenderer.RenderAsync(Example("cluster-three-nodes.yaml"), affinity.Path);

        var pod = chart.Pod["affinity"]!;
        Assert.NotNull(pod["nodeAffinity"]);
        var topologies = pod["podAntiAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!.AsArray().Select(t => (string?)t!["topologyKey"]);
        Assert.Equal(["topology.kubernetes.io/zone", "kubernetes.io/hostname"], topologies);
    }

    [Fact]
    public async Task Without_pod_address_there_is_no_host_port_and_no_affinity()
    {
        var chart = await ChartRenderer.RenderAsync(Example("redis-bundled.yaml"));

        Assert.All(chart.Node["ports"]!.AsArray(), p => Assert.Null(p!["hostPort"]));
        Assert.Null(chart.Pod["affinity"]);
        Assert.Equal("203.0.113.10", chart.EnvironmentValue("V720__PublicHost"));
    }

    [Theory]
    [InlineData("replicaCount: 3\nredis:\n  enabled: true\n", "replicaCount is 3 with the edge role")]
    [InlineData("replicaCount: 2\nroles: [edge]\nredis:\n  enabled: true\n", "v720.podAddress.enabled=true")]
    [InlineData("roles: [gateway]\n", "must share one Redis")]
    [InlineData("cluster:\n  heartbeatInterval: \"00:00:05\"\n  nodeExpiry: \"00:00:14.9\"\n", "at least 3 x cluster.heartbeatInterval")]
    [InlineData("v720:\n  publicHost: \"203.0.113.10\"\n  podAddress:\n    enabled: true\n", "v720.publicHost and v720.podAddress.enabled are both set")]
    public async Task Template_refuses_cluster_settings_the_nodes_cannot_run(string yaml, string expectedMessage)
    {
        using var values = new TemporaryValues(yaml);

        var result = await ChartRenderer.TryRenderAsync(values.Path);

        Assert.True(result.ExitCode != 0, $"rendering should fail for:\n{yaml}");
        Assert.Contains(expectedMessage, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replicaCount: 3\nroles: [gateway]\nredis:\n  enabled: true\n")]
    [InlineData("replicaCount: 2\nredis:\n  enabled: true\nv720:\n  podAddress:\n    acknowledgeSharedService: true\n")]
    [InlineData("replicaCount: 2\nredis:\n  enabled: true\nv720:\n  podAddress:\n    enabled: true\n")]
    [InlineData("cluster:\n  heartbeatInterval: \"00:00:05\"\n  nodeExpiry: \"00:00:15\"\n")]
    public async Task Template_accepts_cluster_settings_the_nodes_can_run(string yaml)
    {
        using var values = new TemporaryValues(yaml);

        var result = await ChartRenderer.TryRenderAsync(values.Path);

        Assert.True(result.ExitCode == 0, $"rendering should succeed for:\n{yaml}\n{result.Output}");
    }

    [Fact]
    public async Task Acknowledged_shared_service_warns_in_the_notes()
    {
        using var values = new TemporaryValues("replicaCount: 2\nredis:\n  enabled: true\nv720:\n  podAddress:\n    acknowledgeSharedService: true\n");

        var chart = await ChartRenderer.RenderAsync(values.Path);

        Assert.Contains("WARNING: 2 replicas share the V720 Service", chart.Notes, StringComparison.Ordinal);
        Assert.Null(chart.Port("v720-tcp")!["hostPort"]);
    }

    [Fact]
    public async Task Cluster_notes_name_the_node_list_and_the_pod_address_rule()
    {
        var chart = await ChartRenderer.RenderAsync(Example("cluster-three-nodes.yaml"));

        Assert.Contains("3 nodes", chart.Notes, StringComparison.Ordinal);
        Assert.Contains("/api/cluster/nodes", chart.Notes, StringComparison.Ordinal);
        Assert.Contains("hostPort", chart.Notes, StringComparison.Ordinal);
        Assert.DoesNotContain("not yet", chart.Notes, StringComparison.Ordinal);
        Assert.DoesNotContain("Keep 1 replica", chart.Notes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bundled_redis_always_writes_an_append_only_file(bool claim)
    {
        using var values = new TemporaryValues($"redis:\n  enabled: true\n  persistence:\n    enabled: {(claim ? "true" : "false")}\n");

        var chart = await ChartRenderer.RenderAsync(values.Path);

        var pod = chart.Get("Deployment", "camera-cloud-redis")["spec"]!["template"]!["spec"]!;
        var args = pod["containers"]![0]!["args"]!.AsArray().Select(a => (string?)a).ToList();
        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Equal("/data", args[args.IndexOf("--dir") + 1]);
        var data = pod["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!;
        Assert.Equal(claim, data["persistentVolumeClaim"] is not null);
        Assert.Equal(!claim, data["emptyDir"] is not null);
        Assert.Equal(claim, chart.Has("PersistentVolumeClaim", "camera-cloud-redis"));
    }

    private static List<string?> RoleEnvironment(RenderedChart chart) =>
        chart.Environment.Keys.Where(k => k.StartsWith("Cluster__Roles__", StringComparison.Ordinal))
            .OrderBy(k => int.Parse(k["Cluster__Roles__".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(chart.EnvironmentValue)
            .ToList();

    private static List<string> Ports(JsonObject service) =>
        service["spec"]!["ports"]!.AsArray().Select(p => $"{p!["protocol"]}/{p["port"]}").ToList();
}
