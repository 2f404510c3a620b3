using System.Text.Json.Nodes;

namespace CameraCloud.Chart.Tests;

/// <summary>The chart rendered as helm would render it (see <see cref="ChartRenderer"/>), object by object.</summary>
public sealed class RenderTests
{
    private static string Example(string name) => Path.Combine(ChartFolder.Chart, "examples", name);

    public static TheoryData<string> ExampleFiles => new(ChartFolder.Examples.Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Example_renders_a_node(string fileName)
    {
        var chart = await ChartRenderer.RenderAsync(Example(fileName));

        Assert.Equal("node", (string?)chart.Node["name"]);
        Assert.Contains("CameraCloud", chart.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_run_one_node_on_an_embedded_store_on_a_claim()
    {
        var chart = await ChartRenderer.RenderAsync();

        var deployment = chart.Get("Deployment", "camera-cloud");
        Assert.Equal(1, (int)deployment["spec"]!["replicas"]!);
        Assert.Equal("Recreate", (string?)deployment["spec"]!["strategy"]!["type"]);
        Assert.Equal("Embedded", chart.EnvironmentValue("Storage__Provider"));
        Assert.Equal("/data", chart.EnvironmentValue("Storage__DataPath"));
        Assert.False(chart.Environment.ContainsKey("Storage__Redis"));
        var volume = deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!;
        Assert.Equal("camera-cloud-data", (string?)volume["persistentVolumeClaim"]!["claimName"]);
        Assert.True(chart.Has("PersistentVolumeClaim", "camera-cloud-data"));
        Assert.False(chart.Has("Deployment", "camera-cloud-redis"));
        Assert.True(chart.Has("ServiceAccount", "camera-cloud"));
        Assert.True(chart.Has("PodDisruptionBudget", "camera-cloud"));
    }

    [Fact]
    public async Task Node_ports_settings_probes_and_grace_period_follow_the_values()
    {
        var chart = await ChartRenderer.RenderAsync();

        Assert.Equal("http://0.0.0.0:8080", chart.EnvironmentValue("Urls"));
        Assert.Equal("80", chart.EnvironmentValue("V720__HttpPort"));
        Assert.Equal("6123", chart.EnvironmentValue("V720__TcpPort"));
        Assert.Equal("1883", chart.EnvironmentValue("V720__MqttPort"));
        Assert.Equal("20000-20099", chart.EnvironmentValue("Tunnel__PortRange"));
        Assert.False(chart.Environment.ContainsKey("V720__PublicHost"), "an empty publicHost must leave the node's own default");
        Assert.Equal("/health/live", (string?)chart.Node["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/health/ready", (string?)chart.Node["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)chart.Node["readinessProbe"]!["httpGet"]!["port"]);
        var http = chart.Node["ports"]!.AsArray().Single(p => (string?)p!["name"] == "http")!;
        Assert.Equal(8080, (int)http["containerPort"]!);
        Assert.Contains("NET_BIND_SERVICE", chart.Node["securityContext"]!["capabilities"]!["add"]!.AsArray().Select(c => (string?)c));
        var pod = chart.Get("Deployment", "camera-cloud")["spec"]!["template"]!["spec"]!;
        Assert.True((int)pod["terminationGracePeriodSeconds"]! > 30, "the pod must outlive the node's 30 s host shutdown");
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public async Task Every_rendered_configuration_key_is_a_key_of_the_node(string fileName)
    {
        var chart = await ChartRenderer.RenderAsync(Example(fileName));

        var fromEnvironment = chart.Environment.Keys.Where(n => n.Contains("__", StringComparison.Ordinal) || n == "Urls");
        var appsettings = JsonNode.Parse((string)chart.Get("ConfigMap", "camera-cloud")["data"]!["appsettings.Production.json"]!)!;
        var keys = fromEnvironment.Concat(Flatten("", appsettings)).ToList();

        Assert.NotEmpty(keys);
        var unknown = keys.Where(k => !ApplicationKeys.Exists(k)).ToList();
        Assert.True(unknown.Count == 0, $"{fileName} renders keys the node does not read: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task Changed_appsettings_change_the_pod_checksum()
    {
        using var changed = new TemporaryValues("appsettings:\n  Logging:\n    LogLevel:\n      Default: Warning\n");

        var before = await ChartRenderer.RenderAsync();
        var after = await ChartRenderer.RenderAsync(changed.Path);

        var checksum = (RenderedChart c) => (string?)c.Get("Deployment", "camera-cloud")["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/config"];
        Assert.Matches("^[0-9a-f]{64}$", checksum(before));
        Assert.NotEqual(checksum(before), checksum(after));
    }

    [Fact]
    public async Task V720_ports_share_one_service_unless_split()
    {
        var shared = await ChartRenderer.RenderAsync();
        var split = await ChartRenderer.RenderAsync(Example("older-cluster.yaml"));

        Assert.Equal(
            ["TCP/80", "TCP/6123", "TCP/1883", "UDP/6123"],
            Ports(shared.Get("Service", "camera-cloud-v720")));
        Assert.Equal("LoadBalancer", (string?)shared.Get("Service", "camera-cloud-v720")["spec"]!["type"]);
        Assert.Equal(["TCP/80", "TCP/6123", "TCP/1883"], Ports(split.Get("Service", "camera-cloud-v720")));
        Assert.Equal(["UDP/6123"], Ports(split.Get("Service", "camera-cloud-v720-udp")));
    }

    [Fact]
    public async Task Tunnel_service_lists_every_port_of_the_range()
    {
        var defaults = await ChartRenderer.RenderAsync();
        var nodePorts = await ChartRenderer.RenderAsync(Example("older-cluster.yaml"));

        var ports = defaults.Get("Service", "camera-cloud-tunnel")["spec"]!["ports"]!.AsArray();
        Assert.Equal(Enumerable.Range(20000, 100), ports.Select(p => (int)p!["port"]!));
        Assert.All(ports, p => Assert.Equal((int)p!["port"]!, (int)p["targetPort"]!));
        var nodePortList = nodePorts.Get("Service", "camera-cloud-tunnel")["spec"]!["ports"]!.AsArray();
        Assert.Equal(Enumerable.Range(30000, 20), nodePortList.Select(p => (int)p!["nodePort"]!));
        Assert.Equal("30000-30019", nodePorts.EnvironmentValue("Tunnel__PortRange"));
    }

    [Fact]
    public async Task Bundled_redis_holds_the_state()
    {
        var chart = await ChartRenderer.RenderAsync(Example("redis-bundled.yaml"));

        Assert.Equal("Redis", chart.EnvironmentValue("Storage__Provider"));
        Assert.Equal("camera-cloud-redis:6379", chart.EnvironmentValue("Storage__Redis"));
        Assert.False(chart.Environment.ContainsKey("Storage__DataPath"));
        Assert.True(chart.Has("Deployment", "camera-cloud-redis"));
        Assert.True(chart.Has("Service", "camera-cloud-redis"));
        Assert.False(chart.Has("PersistentVolumeClaim", "camera-cloud-data"));
        var redis = chart.Get("Deployment", "camera-cloud-redis")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.StartsWith("redis:", (string?)redis["image"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_redis_connection_string_comes_from_the_secret()
    {
        var chart = await ChartRenderer.RenderAsync(Example("redis-external.yaml"));

        Assert.Equal("Redis", chart.EnvironmentValue("Storage__Provider"));
        var secret = chart.Environment["Storage__Redis"]["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal("camera-cloud-redis", (string?)secret["name"]);
        Assert.Equal("connectionString", (string?)secret["key"]);
        Assert.False(chart.Has("Deployment", "camera-cloud-redis"));
        Assert.False(chart.Has("Secret", "camera-cloud-redis-connection"));
    }

    [Fact]
    public async Task External_redis_connection_string_value_travels_as_a_secret_that_rolls_the_pod()
    {
        using var first = new TemporaryValues("redis:\n  external:\n    connectionString: \"redis.example:6379,password=one\"\n");
        using var second = new TemporaryValues("redis:\n  external:\n    connectionString: \"redis.example:6379,password=two\"\n");

        var chart = await ChartRenderer.RenderAsync(first.Path);
        var changed = await ChartRenderer.RenderAsync(second.Path);

        var secretRef = chart.Environment["Storage__Redis"]["valueFrom"]!["secretKeyRef"]!;
        Assert.Equal("camera-cloud-redis-connection", (string?)secretRef["name"]);
        var secret = chart.Get("Secret", "camera-cloud-redis-connection");
        var stored = Convert.FromBase64String((string)secret["data"]![(string)secretRef["key"]!]!);
        Assert.Equal("redis.example:6379,password=one", System.Text.Encoding.UTF8.GetString(stored));
        Assert.DoesNotContain(chart.Environment.Values, e => ((string?)e["value"])?.Contains("password", StringComparison.Ordinal) == true);
        var checksum = (RenderedChart c) => (string?)c.Get("Deployment", "camera-cloud")["spec"]!["template"]!["metadata"]!["annotations"]!["checksum/secret"];
        Assert.NotEqual(checksum(chart), checksum(changed));
    }

    [Theory]
    [InlineData("replicaCount: 2\n", "replicaCount > 1 needs Redis")]
    [InlineData("redis:\n  enabled: true\n  external:\n    connectionString: redis:6379\n", "choose one")]
    [InlineData("tunnel:\n  firstPort: 6100\n", "port 6123 lies inside the agent target range")]
    [InlineData("tunnel:\n  firstPort: 65500\n", "above 65535")]
    public async Task Template_refuses_settings_the_node_cannot_run(string yaml, string expectedMessage)
    {
        using var values = new TemporaryValues(yaml);

        var result = await ChartRenderer.TryRenderAsync(values.Path);

        Assert.True(result.ExitCode != 0, $"rendering should fail for:\n{yaml}");
        Assert.Contains(expectedMessage, result.Output, StringComparison.Ordinal);
    }

    private static List<string> Ports(JsonObject service) =>
        service["spec"]!["ports"]!.AsArray().Select(p => $"{p!["protocol"]}/{p["port"]}").ToList();

    private static IEnumerable<string> Flatten(string prefix, JsonNode? node) =>
        node is JsonObject obj && obj.Count > 0
            ? obj.SelectMany(p => Flatten(prefix.Length == 0 ? p.Key : $"{prefix}:{p.Key}", p.Value))
            : prefix.Length == 0 ? [] : [prefix];
}
