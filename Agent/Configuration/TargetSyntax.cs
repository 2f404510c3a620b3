using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CameraCloud.Agent.Control;

namespace CameraCloud.Agent.Configuration;

/// <summary>Parses and checks targets: <c>name=host:port</c>, <c>[::1]:554</c> for IPv6 literals.</summary>
public static class TargetSyntax
{
    /// <summary>Parses <c>name=host:port</c>; returns null and sets <paramref name="error"/> when it is not that.</summary>
    public static AgentTarget? TryParseAssignment(string text, out string? error)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            error = $"'{Shorten(text)}' is not name=host:port";
            return null;
        }
        return TryParse(text[..equals].Trim(), text[(equals + 1)..].Trim(), out error);
    }

    /// <summary>Builds a target from a name and <c>host:port</c>, checking both.</summary>
    public static AgentTarget? TryParse(string name, string address, out string? error)
    {
        error = CheckName(name);
        if (error is not null)
        {
            return null;
        }
        if (!TrySplitAddress(address, out var host, out var portText))
        {
            error = $"target '{name}': '{Shorten(address)}' is not host:port";
            return null;
        }
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            error = $"target '{name}': port '{Shorten(portText)}' is not a number";
            return null;
        }
        var target = new AgentTarget(name, host, port);
        error = Check(target);
        return error is null ? target : null;
    }

    /// <summary>Null when the target is acceptable, else why not.</summary>
    public static string? Check(AgentTarget target)
    {
        var nameError = CheckName(target.Name);
        if (nameError is not null)
        {
            return nameError;
        }
        if (target.Port is < 1 or > 65535)
        {
            return $"target '{target.Name}': port {target.Port} is outside 1-65535";
        }
        if (string.IsNullOrEmpty(target.Host))
        {
            return $"target '{target.Name}': the host is empty";
        }
        if (target.Host.Length > AgentLimits.MaxHostLength)
        {
            return $"target '{target.Name}': the host is longer than {AgentLimits.MaxHostLength} characters";
        }
        if (!IsHostName(target.Host) && !IPAddress.TryParse(target.Host, out _))
        {
            return $"target '{target.Name}': '{Shorten(target.Host)}' is neither a host name nor an IP address";
        }
        return null;
    }

    /// <summary>Null when the list is acceptable as a whole: each target valid, names unique, small enough for HELLO.</summary>
    public static string? CheckList(IReadOnlyList<AgentTarget> targets)
    {
        if (targets.Count == 0)
        {
            return "no targets: give at least one, e.g. --target rtsp=127.0.0.1:554";
        }
        if (targets.Count > AgentLimits.MaxTargets)
        {
            return $"{targets.Count} targets; at most {AgentLimits.MaxTargets} are allowed";
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var error = Check(target);
            if (error is not null)
            {
                return error;
            }
            if (!names.Add(target.Name))
            {
                return $"target '{target.Name}' is given twice";
            }
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(targets.ToArray(), AgentJsonContext.Default.AgentTargetArray);
        return json.Length > AgentLimits.MaxTargetsJsonBytes
            ? $"the targets take {json.Length} bytes; at most {AgentLimits.MaxTargetsJsonBytes} fit in the handshake"
            : null;
    }

    public static string FormatAddress(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    private static string? CheckName(string name)
    {
        if (name.Length == 0)
        {
            return "a target name is empty";
        }
        if (name.Length > AgentLimits.MaxTargetNameLength)
        {
            return $"target name '{Shorten(name)}' is longer than {AgentLimits.MaxTargetNameLength} characters";
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return $"target name '{Shorten(name)}' may hold only a-z, 0-9, '-' and '_'";
            }
        }
        return null;
    }

    private static bool TrySplitAddress(string address, out string host, out string port)
    {
        host = port = "";
        if (address.StartsWith('['))
        {
            var close = address.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }
            host = address[1..close];
            port = address[(close + 2)..];
            return IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
        }
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || address.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            return false;
        }
        host = address[..colon];
        port = address[(colon + 1)..];
        return port.Length > 0;
    }

    private static bool IsHostName(string host)
    {
        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 61), "...");
}
