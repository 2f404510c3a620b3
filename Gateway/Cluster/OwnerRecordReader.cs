using System.Text.Json;
using CameraCloud.Cluster;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Cluster;

/// <summary>
/// A registry list's records in a cluster: the shared part of a record every node can read, but whether a
/// device is online, and its live counters, only the node holding it knows. So a record of a device held by
/// another live node is read from that node; everything else, and anything that node cannot answer in time,
/// from this node's grain.
/// </summary>
public sealed class OwnerRecordReader(DeviceLocator locator, NodeRequestForwarder forwarder, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    /// <param name="device">The device whose record is read.</param>
    /// <param name="pathAndQuery">Its record's route on the owner.</param>
    /// <param name="caller">
    /// The list request: the owner's read goes with its Host (the owner builds URLs from it) and its credentials
    /// (the owner checks them as it checks every API call).
    /// </param>
    /// <param name="local">Reads this node's view of the record.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    public async Task<T?> ReadAsync<T>(DeviceKey device, string pathAndQuery, HttpRequest caller,
        Func<CancellationToken, Task<T?>> local, CancellationToken cancellationToken) where T : class
    {
        var owner = await locator.FindRemoteOwnerAsync(device, cancellationToken);
        if (owner is not null)
        {
            var (answered, record) = await forwarder.TryGetJsonAsync<T>(
                owner, device, pathAndQuery, caller, locator.Self.NodeId, _json, cancellationToken);
            if (answered)
            {
                return record;
            }
        }
        return await local(cancellationToken);
    }
}
