using System.Text.Json;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// The boot-time HTTP calls in the camera's order (spec §2.2): registerDevices + confirm when it has no id,
/// getDevInfo on newer firmware, then getA9ConfCheck for the control server's address and password.
/// </summary>
internal static class CameraBootstrap
{
    private const string Api = "/app/api/";

    public static async Task<BootstrapResult> RunAsync(SimulatedCameraOptions options, Random random, CancellationToken ct)
    {
        string? deviceId = options.DeviceId;
        if (deviceId is null)
        {
            var assigned = await PostAsync(options,
                $"{Api}ApiSysDevicesBatch/registerDevices?batch=A9_X4_V12&{HttpBootstrapClient.RandomAndToken(random)}", ct)
                .ConfigureAwait(false);
            deviceId = assigned.ValueKind == JsonValueKind.String ? assigned.GetString() : null;
            if (string.IsNullOrWhiteSpace(deviceId) || deviceId.Length > 64 || deviceId.Any(c => c is <= ' ' or >= (char)127 or '"' or '&'))
            {
                throw new SimulatedCameraException($"registerDevices returned no usable device id: {Describe(assigned)}.");
            }
            await PostAsync(options,
                $"{Api}ApiSysDevicesBatch/confirm?devicesCode={deviceId}&{HttpBootstrapClient.RandomAndToken(random)}", ct)
                .ConfigureAwait(false);
        }

        if (options.CallGetDevInfo)
        {
            await PostAsync(options,
                $"{Api}ApiSysDevices/getDevInfo?devicesCode={deviceId}&{HttpBootstrapClient.RandomAndToken(random)}", ct)
                .ConfigureAwait(false);
        }

        var conf = await PostAsync(options,
            $"{Api}ApiServer/getA9ConfCheck?devicesCode={deviceId}&{HttpBootstrapClient.RandomAndToken(random)}", ct)
            .ConfigureAwait(false);
        string? host = V720Json.GetString(conf, "host");
        int? tcpPort = V720Json.GetInt(conf, "tcpPort");
        string? pwd = V720Json.GetString(conf, "pwd");
        if (string.IsNullOrWhiteSpace(host) && options.TcpHostOverride is null)
        {
            throw new SimulatedCameraException($"getA9ConfCheck returned no host: {Describe(conf)}.");
        }
        if (tcpPort is not (> 0 and <= 65535) && options.TcpPortOverride is null)
        {
            throw new SimulatedCameraException($"getA9ConfCheck returned no valid tcpPort: {Describe(conf)}.");
        }
        if (pwd is null)
        {
            throw new SimulatedCameraException($"getA9ConfCheck returned no pwd: {Describe(conf)}.");
        }

        return new BootstrapResult(
            deviceId,
            options.TcpHostOverride ?? host!,
            options.TcpPortOverride ?? tcpPort!.Value,
            pwd,
            V720Json.GetString(conf, "domain") ?? HttpBootstrapClient.ApiHost);
    }

    private static Task<JsonElement> PostAsync(SimulatedCameraOptions options, string pathAndQuery, CancellationToken ct) =>
        HttpBootstrapClient.PostAsync(options.ServerHost, options.HttpPort, pathAndQuery, options.Firmware, options.ConnectTimeout, ct);

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? "no data" : element.GetRawText();
}
