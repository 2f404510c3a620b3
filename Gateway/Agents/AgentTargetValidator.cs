using System.Buffers;
using CameraCloud.Agents;

namespace CameraCloud.Gateway.Agents;

/// <summary>
/// Rules for an agent's target list. Names are keys of the port table and appear in URLs; hosts go to the
/// agent, which connects to nothing else; paths end up in URLs people paste, so none of them may carry
/// white space or control characters.
/// </summary>
public static class AgentTargetValidator
{
    public const int MaxTargets = 16;
    public const int MaxNameLength = 32;
    public const int MaxHostLength = 253;
    public const int MaxPathLength = 512;

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_");

    /// <returns>null with <paramref name="targets"/> set when the list is acceptable, else what is wrong.</returns>
    public static string? Validate(IReadOnlyList<AgentTargetRequest?> requested, out IReadOnlyList<AgentTarget> targets)
    {
        targets = [];
        if (requested.Count is 0 or > MaxTargets)
        {
            return $"'targets' must have 1 to {MaxTargets} entries (got {requested.Count}).";
        }
        var result = new List<AgentTarget>(requested.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var where = $"targets[{i}]";
            if (requested[i] is not { } target)
            {
                return $"'{where}' must be an object.";
            }
            if (target.Name is not { Length: > 0 and <= MaxNameLength } name || name.AsSpan().ContainsAnyExcept(NameCharacters))
            {
                return $"'{where}.name' must be 1 to {MaxNameLength} characters of A-Z, a-z, 0-9, '-' and '_'.";
            }
            if (!names.Add(name))
            {
                return $"'{where}.name' repeats the target name '{name}'; names must be unique.";
            }
            if (target.Host is not { Length: > 0 and <= MaxHostLength } host || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                return $"'{where}.host' must be a host name or IP address of at most {MaxHostLength} characters.";
            }
            if (target.Port is not { } port || port is < 1 or > 65535)
            {
                return $"'{where}.port' must be a port number from 1 to 65535.";
            }
            if (target.Path is { } path && (path.Length > MaxPathLength || !path.StartsWith('/') || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                return $"'{where}.path' must start with '/', be at most {MaxPathLength} characters and contain no white space or control characters.";
            }
            result.Add(new AgentTarget(name, host, port, target.Path));
        }
        targets = result;
        return null;
    }
}
