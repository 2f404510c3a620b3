using System.Net;
using CameraCloud.Gateway.Agents;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Gateway.Auth;

/// <summary>
/// Logs failed API logins one line a minute with how many were held back, so a flood of bad keys cannot flood the
/// log. The line names the latest source address and key id, never the key.
/// </summary>
public sealed class ApiKeyFailureLog(TimeProvider time, ILogger<ApiKeyFailureLog> logger)
{
    private readonly BoundedLogGate _gate = new(time, TimeSpan.FromMinutes(1));

    public void Record(IPAddress? address, string? keyId)
    {
        if (_gate.TryEnter(out var suppressed))
        {
            GatewayLog.ApiLoginFailed(logger, address?.ToString() ?? "unknown", keyId ?? "(not a key of this service)", suppressed);
        }
    }
}
