using System.Collections.Concurrent;
using System.Net;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The control session of each registered camera on this node, by uid. The UDP side finds a camera's
/// session through the <c>devTarget</c> of its probe (code 51), never through its IP address.
/// </summary>
public sealed class V720SessionRegistry
{
    private readonly ConcurrentDictionary<string, V720ControlSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<IPAddress, int> _addresses = [];
    private readonly Lock _addressesGate = new();

    public int Count => _sessions.Count;

    /// <summary>Makes <paramref name="session"/> the camera's session; the newest connection wins.</summary>
    public void Register(string uid, V720ControlSession session)
    {
        if (session.RemoteAddress is { } address)
        {
            lock (_addressesGate)
            {
                _addresses[address] = _addresses.GetValueOrDefault(address) + 1;
            }
        }
        _sessions[uid] = session;
    }

    /// <summary>True while a registered camera's control connection comes from <paramref name="address"/>.</summary>
    public bool HasConnectionFrom(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        lock (_addressesGate)
        {
            return _addresses.ContainsKey(address);
        }
    }

    /// <summary>Raised after a camera's session left the registry (its connection ended).</summary>
    public event Action<string>? Unregistered;

    public void Unregister(string uid, V720ControlSession session)
    {
        if (session.RemoteAddress is { } address)
        {
            lock (_addressesGate)
            {
                if (_addresses.GetValueOrDefault(address) <= 1)
                {
                    _addresses.Remove(address);
                }
                else
                {
                    _addresses[address]--;
                }
            }
        }
        if (_sessions.TryRemove(new KeyValuePair<string, V720ControlSession>(uid, session)))
        {
            Unregistered?.Invoke(uid);
        }
    }

    public V720ControlSession? Find(string uid) => _sessions.GetValueOrDefault(uid);
}
