using System.Net;
using CameraCloud.Cluster;
using CameraCloud.Silo.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Cluster;

/// <summary>The <c>Cluster</c> section: its defaults, its start-time checks, the derived advertised address.</summary>
public sealed class ClusterOptionsTests
{
    [Fact]
    public void Unset_options_get_a_host_based_node_id_both_roles_and_the_documented_rhythm()
    {
        ClusterOptions options = Bind();

        Assert.Matches("^[A-Za-z0-9._-]{1,57}-[0-9a-f]{6}$", options.NodeId);
        Assert.Equal(ClusterRoles.All, options.Roles);
        Assert.Null(options.AdvertiseAddress);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.NodeExpiry);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RenewalInterval);
        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void The_default_node_id_is_decided_once_per_registration()
    {
        IServiceProvider services = Services();

        Assert.Equal(services.GetRequiredService<IOptions<ClusterOptions>>().Value.NodeId, services.GetRequiredService<LocalNode>().NodeId);
        Assert.NotEqual(Services().GetRequiredService<LocalNode>().NodeId, services.GetRequiredService<LocalNode>().NodeId);
    }

    [Theory]
    [InlineData("my host_1.example", "my-host_1.example-")]
    [InlineData("", "node-")]
    [InlineData("ключ", "----")]
    public void A_host_name_becomes_a_valid_node_id(string hostName, string prefix)
    {
        string id = ClusterOptions.NewNodeId(hostName);

        Assert.StartsWith(prefix, id, StringComparison.Ordinal);
        Assert.True(ClusterOptions.IsValidNodeId(id), id);
        Assert.True(ClusterOptions.IsValidNodeId(ClusterOptions.NewNodeId(new string('h', 300))));
    }

    [Fact]
    public void Configured_values_bind_and_roles_may_be_listed_or_comma_separated_in_any_case()
    {
        ClusterOptions listed = Bind(
            ("Cluster:NodeId", "edge-1"), ("Cluster:AdvertiseAddress", "http://10.0.0.5:8080"),
            ("Cluster:Roles:0", "EDGE"), ("Cluster:HeartbeatInterval", "00:00:01"), ("Cluster:NodeExpiry", "00:00:03"),
            ("Cluster:LeaseDuration", "00:00:09"));
        ClusterOptions separated = Bind(("Cluster:Roles:0", "gateway, edge,gateway"));

        Assert.Equal("edge-1", listed.NodeId);
        Assert.Equal("http://10.0.0.5:8080", listed.AdvertiseAddress);
        Assert.Equal([ClusterRoles.Edge], listed.Roles);
        Assert.Equal(TimeSpan.FromSeconds(3), listed.RenewalInterval);
        Assert.True(Validate(listed).Succeeded, Validate(listed).FailureMessage);
        Assert.Equal([ClusterRoles.Gateway, ClusterRoles.Edge], separated.Roles);
    }

    [Theory]
    [InlineData("Cluster:NodeId", "has space", "Cluster:NodeId 'has space' is not a usable node id")]
    [InlineData("Cluster:NodeId", "a:b", "Cluster:NodeId 'a:b' is not a usable node id")]
    [InlineData("Cluster:NodeId", "ключ", "Cluster:NodeId 'ключ' is not a usable node id")]
    [InlineData("Cluster:AdvertiseAddress", "/relative", "Cluster:AdvertiseAddress '/relative' must be an absolute http:// or https:// URL")]
    [InlineData("Cluster:AdvertiseAddress", "10.0.0.5:8080", "Cluster:AdvertiseAddress '10.0.0.5:8080' must be an absolute http:// or https:// URL")]
    [InlineData("Cluster:AdvertiseAddress", "ftp://10.0.0.5/", "Cluster:AdvertiseAddress 'ftp://10.0.0.5/' must be an absolute http:// or https:// URL")]
    [InlineData("Cluster:Roles:0", "storage", "Cluster:Roles has an unknown role 'storage'")]
    [InlineData("Cluster:Roles:0", ",", "Cluster:Roles names no role")]
    [InlineData("Cluster:NodeExpiry", "00:00:05", "Cluster:NodeExpiry (00:00:05) must be at least 3 x Cluster:HeartbeatInterval (00:00:06)")]
    [InlineData("Cluster:HeartbeatInterval", "00:00:00", "Cluster:HeartbeatInterval must be a time span from 1 ms to 49 days")]
    [InlineData("Cluster:LeaseDuration", "-00:00:01", "Cluster:LeaseDuration must be a time span from 1 ms to 49 days")]
    public void A_wrong_setting_is_refused_naming_the_key(string key, string value, string expected)
    {
        ValidateOptionsResult result = Validate(Bind((key, value)));

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_id_of_65_characters_is_refused_and_64_accepted()
    {
        Assert.True(Validate(Bind(("Cluster:NodeId", new string('n', 65)))).Failed);
        Assert.True(Validate(Bind(("Cluster:NodeId", new string('n', 64)))).Succeeded);
    }

    [Fact]
    public void An_empty_role_list_given_in_code_is_refused()
    {
        var options = new ClusterOptions { NodeId = "n", Roles = [] };
        options.ApplyDefaults("unused");

        Assert.Contains("Cluster:Roles names no role", Validate(options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "http://0.0.0.0:8080" }, "http://10.1.2.3:8080/")]
    [InlineData(new[] { "http://[::]:8080" }, "http://10.1.2.3:8080/")]
    [InlineData(new[] { "http://localhost:5000" }, "http://10.1.2.3:5000/")]
    [InlineData(new[] { "http://+:80" }, "http://10.1.2.3/")]
    [InlineData(new[] { "http://*:81" }, "http://10.1.2.3:81/")]
    [InlineData(new[] { "http://127.0.0.1:45123" }, "http://127.0.0.1:45123/")]
    [InlineData(new[] { "http://gw.internal:8080" }, "http://gw.internal:8080/")]
    [InlineData(new[] { "https://0.0.0.0:8443", "http://10.9.9.9:8080" }, "http://10.9.9.9:8080/")]
    [InlineData(new[] { "https://0.0.0.0:8443" }, "https://10.1.2.3:8443/")]
    [InlineData(new string[0], "http://10.1.2.3/")]
    public void The_advertised_address_is_the_first_http_url_with_a_dialable_host(string[] urls, string expected)
    {
        Assert.Equal(new Uri(expected), AdvertiseAddressResolver.Derive(urls, IPAddress.Parse("10.1.2.3")));
    }

    [Fact]
    public void Without_a_lan_address_a_wildcard_becomes_loopback()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), AdvertiseAddressResolver.Derive(["http://0.0.0.0:8080"], null));
    }

    [Fact]
    public void The_lan_address_is_ipv4_and_not_loopback()
    {
        IPAddress? address = AdvertiseAddressResolver.FirstLanAddress();

        Assert.True(address is null || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address)));
    }

    // Configured and post-configured as the host does, but not validated: the tests validate themselves.
    private static ClusterOptions Bind(params (string Key, string Value)[] settings)
    {
        IServiceProvider services = Services(settings);
        var options = new ClusterOptions();
        foreach (IConfigureOptions<ClusterOptions> configure in services.GetServices<IConfigureOptions<ClusterOptions>>())
        {
            configure.Configure(options);
        }

        foreach (IPostConfigureOptions<ClusterOptions> postConfigure in services.GetServices<IPostConfigureOptions<ClusterOptions>>())
        {
            postConfigure.PostConfigure(Options.DefaultName, options);
        }

        return options;
    }

    private static IServiceProvider Services(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddCluster(configuration).BuildServiceProvider();
    }

    private static ValidateOptionsResult Validate(ClusterOptions options) =>
        new ClusterOptionsValidator().Validate(null, options);
}
