using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CameraCloud.Codecs.Tunnel;

/// <summary>
/// JSON payloads to and from bytes. Reading never throws: bad JSON, a missing member or a value out
/// of range gives null and an error text that can go into a RESET, a GOAWAY or a log line.
/// </summary>
public static class TunnelMessages
{
    public const int MaxAgentIdLength = 128;
    public const int MaxNameLength = 64;
    public const int MaxHostLength = 255;
    public const int MaxUrlLength = 2048;
    public const int MaxTargets = 64;

    public static byte[] Serialize(AgentHelloMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TunnelJsonContext.Default.AgentHelloMessage);

    public static byte[] Serialize(ServerWelcomeMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TunnelJsonContext.Default.ServerWelcomeMessage);

    public static byte[] Serialize(OpenMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TunnelJsonContext.Default.OpenMessage);

    public static byte[] Serialize(ControlRequestMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TunnelJsonContext.Default.ControlRequestMessage);

    public static byte[] Serialize(ControlResultMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, TunnelJsonContext.Default.ControlResultMessage);

    public static AgentHelloMessage? TryDeserializeHello(ReadOnlySpan<byte> json, out string? error) =>
        Checked(TryDeserialize(json, TunnelJsonContext.Default.AgentHelloMessage, out error), ValidateHello, ref error);

    public static ServerWelcomeMessage? TryDeserializeWelcome(ReadOnlySpan<byte> json, out string? error) =>
        Checked(TryDeserialize(json, TunnelJsonContext.Default.ServerWelcomeMessage, out error), ValidateWelcome, ref error);

    public static OpenMessage? TryDeserializeOpen(ReadOnlySpan<byte> json, out string? error) =>
        Checked(TryDeserialize(json, TunnelJsonContext.Default.OpenMessage, out error), ValidateOpen, ref error);

    public static ControlRequestMessage? TryDeserializeControlRequest(ReadOnlySpan<byte> json, out string? error) =>
        Checked(TryDeserialize(json, TunnelJsonContext.Default.ControlRequestMessage, out error), ValidateControlRequest, ref error);

    public static ControlResultMessage? TryDeserializeControlResult(ReadOnlySpan<byte> json, out string? error) =>
        TryDeserialize(json, TunnelJsonContext.Default.ControlResultMessage, out error);

    /// <summary>Any JSON payload through its source-generated type info; null and an error text instead of an exception.</summary>
    public static T? TryDeserialize<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, out string? error)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            var value = JsonSerializer.Deserialize(json, typeInfo);
            error = value is null ? $"{typeof(T).Name}: JSON null" : null;
            return value;
        }
        catch (JsonException e)
        {
            error = $"{typeof(T).Name}: {e.Message}";
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or FormatException)
        {
            // Invalid UTF-8 inside strings and similar surface as these rather than JsonException.
            error = $"{typeof(T).Name}: {e.Message}";
        }
        return null;
    }

    /// <summary>The agent id, version and targets a server needs; null when the hello is usable.</summary>
    public static string? ValidateHello(AgentHelloMessage hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return RequireText(hello.AgentId, "agentId", MaxAgentIdLength)
            ?? RequireText(hello.Version, "version", MaxNameLength)
            ?? (hello.Targets is null ? "targets is missing" : ValidateTargets(hello.Targets));
    }

    public static string? ValidateWelcome(ServerWelcomeMessage welcome)
    {
        ArgumentNullException.ThrowIfNull(welcome);
        return RequireText(welcome.SessionId, "sessionId", MaxNameLength)
            ?? (welcome.PingIntervalSeconds < 1 ? $"pingIntervalSeconds {welcome.PingIntervalSeconds} is below 1" : null)
            ?? (welcome.PingTimeoutSeconds < welcome.PingIntervalSeconds
                ? $"pingTimeoutSeconds {welcome.PingTimeoutSeconds} is below pingIntervalSeconds {welcome.PingIntervalSeconds}" : null)
            ?? (welcome.MaxStreams < 1 ? $"maxStreams {welcome.MaxStreams} is below 1" : null)
            ?? (welcome.InitialWindow < 1 || welcome.InitialWindow > TunnelLimits.MaxWindow
                ? $"initialWindow {welcome.InitialWindow} is outside 1..{TunnelLimits.MaxWindow}" : null)
            ?? (welcome.MaxFramePayload < 1 || welcome.MaxFramePayload > TunnelLimits.MaxDataPayload
                ? $"maxFramePayload {welcome.MaxFramePayload} is outside 1..{TunnelLimits.MaxDataPayload}" : null);
    }

    public static string? ValidateOpen(OpenMessage open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return RequireText(open.Target, "target", MaxNameLength);
    }

    public static string? ValidateControlRequest(ControlRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RequireText(request.Command, "command", MaxNameLength)
            ?? (request.Targets is null ? null : ValidateTargets(request.Targets))
            ?? (request.Url is { Length: > MaxUrlLength } ? $"url is longer than {MaxUrlLength} characters" : null);
    }

    public static string? ValidateTargets(IReadOnlyList<TargetMessage> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count > MaxTargets)
        {
            return $"{targets.Count} targets; at most {MaxTargets}";
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (target is null)
            {
                return "a target is null";
            }
            var error = RequireText(target.Name, "target name", MaxNameLength)
                ?? RequireText(target.Host, $"host of target '{target.Name}'", MaxHostLength)
                ?? (target.Port is < 1 or > 65535 ? $"port {target.Port} of target '{target.Name}' is outside 1..65535" : null)
                ?? (names.Add(target.Name) ? null : $"target '{target.Name}' appears twice");
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    private static string? RequireText(string? value, string name, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? $"{name} is missing or empty"
        : value.Length > maxLength ? $"{name} is longer than {maxLength} characters"
        : null;

    private static T? Checked<T>(T? value, Func<T, string?> validate, ref string? error)
        where T : class
    {
        if (value is null)
        {
            return null;
        }
        error = validate(value);
        return error is null ? value : null;
    }
}
