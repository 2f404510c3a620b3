using System.Text.RegularExpressions;

namespace CameraCloud.Chart.Tests;

public sealed partial class ConfigurationKeyTests
{
    public static TheoryData<string> ValuesFiles => new(ChartFolder.ValuesFiles.Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void Every_environment_variable_the_templates_set_is_a_key_of_the_node()
    {
        var names = TemplateEnvironmentNames();

        var unknown = names.Where(n => !ApplicationKeys.Exists(n)).ToList();

        Assert.True(unknown.Count == 0, "the templates set keys the node does not read: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_templates_set_the_keys_the_chart_promises()
    {
        // Guards the test above against passing on an empty harvest.
        var names = TemplateEnvironmentNames();

        Assert.Contains("Urls", names);
        Assert.Contains("V720__TcpPort", names);
        Assert.Contains("V720__HttpPort", names);
        Assert.Contains("Tunnel__PortRange", names);
        Assert.Contains("Storage__Provider", names);
        Assert.Contains("Storage__Redis", names);
        Assert.Contains("Storage__DataPath", names);
        Assert.Contains("Cluster__NodeId", names);
        Assert.Contains("Cluster__AdvertiseAddress", names);
        Assert.Contains("Cluster__HeartbeatInterval", names);
        Assert.Contains("Cluster__NodeExpiry", names);
        Assert.Contains("Cluster__LeaseDuration", names);
    }

    [Fact]
    public void Options_types_named_by_the_key_check_are_compiled_into_the_node()
    {
        // Without them the Cluster:* keys the chart sets would all be reported unknown, which says less.
        Assert.True(
            ApplicationKeys.MissingOptionsTypes.Count == 0,
            $"not found in the node's assemblies: {string.Join(", ", ApplicationKeys.MissingOptionsTypes)} "
            + "(the cluster runtime's Silo/Cluster/ClusterOptions.cs binds the chart's Cluster:* keys)");
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task Every_key_a_values_file_sets_is_a_key_of_the_node(string fileName)
    {
        var path = ChartFolder.ValuesFiles.Single(f => Path.GetFileName(f) == fileName);

        var keys = await Tools.ConfigurationKeysAsync(path);

        var unknown = keys.Where(k => !ApplicationKeys.Exists(k)).ToList();
        Assert.True(unknown.Count == 0, $"{fileName} sets keys the node does not read: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task An_example_with_appsettings_yields_its_keys()
    {
        var path = Path.Combine(ChartFolder.Chart, "examples", "older-cluster.yaml");

        var keys = await Tools.ConfigurationKeysAsync(path);

        Assert.Contains("V720:MaxFrameBytes", keys);
        Assert.Contains("Cameras:VideoQueuePerViewer", keys);
        Assert.Contains("Gateway__SnapshotMaxAge", keys);
    }

    [Theory]
    [InlineData("V720:TcpPort", true)]
    [InlineData("V720__TcpPort", true)]
    [InlineData("Tunnel__PortRange", true)]
    [InlineData("Logging__LogLevel__Default", true)]
    [InlineData("V720:TcpPorts", false)]
    [InlineData("Tunnel__Ports", false)]
    [InlineData("Cluster__Role", false)]
    [InlineData("Cluster__NodeId", true)]
    [InlineData("Cluster:AdvertiseAddress", true)]
    [InlineData("Cluster__Roles__0", true)]
    [InlineData("Cluster__Roles__1", true)]
    [InlineData("Cluster__HeartbeatInterval", true)]
    [InlineData("Cluster__NodeExpiry", true)]
    [InlineData("Cluster__LeaseDuration", true)]
    [InlineData("Cluster__Roles__x", false)]
    [InlineData("V720__TcpPort__0", false)]
    public void Key_lookup_follows_the_options_classes(string key, bool exists)
    {
        Assert.Equal(exists, ApplicationKeys.Exists(key));
    }

    /// <summary>Every <c>- name: X</c> environment entry of the templates that is a configuration key (has <c>__</c>, or is <c>Urls</c>).</summary>
    private static HashSet<string> TemplateEnvironmentNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(ChartFolder.Templates))
        {
            foreach (Match match in EnvName().Matches(File.ReadAllText(file)))
            {
                var name = match.Groups["name"].Value;
                if (name.Contains("__", StringComparison.Ordinal) || name == "Urls")
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    [GeneratedRegex(@"-\s+name:\s+""?(?<name>[A-Za-z_][A-Za-z0-9_]*)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvName();
}
