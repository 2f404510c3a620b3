using System.Text.Json;
using ClusterNode = CameraCloud.Cluster.ClusterNode;

namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// A node's advertisement as stored at <c>cameracloud:node:{nodeId}</c>: camelCase JSON
/// <c>{"nodeId","internalAddress","roles","startedAt","heartbeatAt"}</c>, heartbeatAt by the writer's clock.
/// </summary>
internal sealed record NodeAdvertisement(string NodeId, string InternalAddress, IReadOnlyList<string> Roles, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt)
{
    /// <summary>Far more than any real advertisement; a larger value is not one and is not parsed.</summary>
    public const int MaxLength = 4096;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static NodeAdvertisement Of(ClusterNode node) =>
        new(node.NodeId, node.InternalAddress.ToString(), node.Roles, node.StartedAt, node.LastHeartbeat);

    /// <summary>The node advertised under <paramref name="nodeId"/>, or null and what is wrong with the value.</summary>
    public static ClusterNode? TryRead(string nodeId, string? json, out string? problem)
    {
        problem = null;
        NodeAdvertisement? advertisement;
        if (json is null || json.Length > MaxLength)
        {
            problem = json is null ? "it is empty" : $"it is longer than {MaxLength} characters";
            return null;
        }

        try
        {
            advertisement = JsonSerializer.Deserialize<NodeAdvertisement>(json, Json);
        }
        catch (JsonException ex)
        {
            problem = "it is not a node advertisement: " + ex.Message;
            return null;
        }

        if (advertisement is null)
        {
            problem = "it is null";
        }
        else if (advertisement.NodeId != nodeId)
        {
            problem = $"it names node '{advertisement.NodeId}'";
        }
        else if (!Uri.TryCreate(advertisement.InternalAddress, UriKind.Absolute, out Uri? address)
            || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            problem = "its internalAddress is not an absolute http URL";
        }
        else if (advertisement.Roles.Any(string.IsNullOrEmpty))
        {
            problem = "it has an empty role";
        }
        else
        {
            return new ClusterNode(advertisement.NodeId, address, [.. advertisement.Roles], advertisement.StartedAt, advertisement.HeartbeatAt);
        }

        return null;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
