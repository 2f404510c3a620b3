using System.Security.Cryptography;
using System.Text.Json;
using CameraCloud.Actors;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CameraCloud.Edge.V720;

/// <summary>
/// The HTTP bootstrap a camera calls on port 80 (§2.2): which server to dial, and a device id on first
/// boot. Cameras send POST with the parameters in the query string and no body; GET is accepted too.
/// </summary>
public static class V720BootstrapEndpoints
{
    private static readonly string[] Methods = ["POST", "GET"];

    public static IEndpointRouteBuilder MapV720Bootstrap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/app/api/ApiServer/getA9ConfCheck", Methods, GetA9ConfCheckAsync);
        endpoints.MapMethods("/app/api/ApiSysDevices/getDevInfo", Methods, GetDevInfoAsync);
        endpoints.MapMethods("/app/api/ApiSysDevicesBatch/registerDevices", Methods, RegisterDevicesAsync);
        endpoints.MapMethods("/app/api/ApiSysDevicesBatch/confirm", Methods, AcknowledgeAsync);
        endpoints.MapMethods("/app/api/ApiSysDevices/a9bindingAppDevice", Methods, AcknowledgeAsync);
        endpoints.MapFallback((HttpContext context) =>
            V720BootstrapResponse.WriteAsync(context, StatusCodes.Status404NotFound, "unknown endpoint", w => w.WriteNullValue()));
        return endpoints;
    }

    private static async Task GetA9ConfCheckAsync(HttpContext context, V720SessionServices services)
    {
        if (!TryGetDeviceId(context, out var uid))
        {
            await BadDeviceIdAsync(context);
            return;
        }
        await ReportAsync(context, services, uid, "getA9ConfCheck");
        var options = services.Options;
        await V720BootstrapResponse.WriteAsync(context, StatusCodes.Status200OK, V720BootstrapResponse.VendorOk, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("tcpPort", options.TcpPort);
            w.WriteString("uid", uid);
            w.WriteString("isBind", "8");
            w.WriteString("domain", "v720.naxclow.com");
            // Non-null is presumably the OTA path; vendor OTA is what broke replacement servers (§9.1).
            w.WriteNull("updateUrl");
            w.WriteString("host", services.PublicHost.ToString());
            w.WriteString("currTime", services.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("pwd", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            w.WriteNull("version");
            w.WriteEndObject();
        });
    }

    private static async Task GetDevInfoAsync(HttpContext context, V720SessionServices services)
    {
        if (!TryGetDeviceId(context, out var uid))
        {
            await BadDeviceIdAsync(context);
            return;
        }
        await ReportAsync(context, services, uid, "getDevInfo");
        await V720BootstrapResponse.WriteAsync(context, StatusCodes.Status200OK, V720BootstrapResponse.VendorOk, w =>
        {
            // The vendor's answer carries more user fields; userInfo_state 1 is what lets newer firmware go on.
            w.WriteStartObject();
            w.WriteString("userInfo_userId", " ");
            w.WriteNull("ota_url");
            w.WriteNumber("userInfo_state", 1);
            w.WriteEndObject();
        });
    }

    private static async Task RegisterDevicesAsync(HttpContext context, V720SessionServices services)
    {
        var id = await services.Grains.GetGrain<ICameraIndexGrain>(ICameraIndexGrain.DefaultKey).AllocateIdAsync(context.RequestAborted);
        await ReportAsync(context, services, id, "registerDevices");
        EdgeLog.DeviceIdAllocated(services.Logger, id, RemoteAddress(context));
        await V720BootstrapResponse.WriteAsync(context, StatusCodes.Status200OK, V720BootstrapResponse.VendorOk, w => w.WriteStringValue(id));
    }

    private static Task AcknowledgeAsync(HttpContext context) =>
        V720BootstrapResponse.WriteAsync(context, StatusCodes.Status200OK, V720BootstrapResponse.VendorOk, w => w.WriteNullValue());

    private static Task ReportAsync(HttpContext context, V720SessionServices services, string uid, string endpoint)
    {
        var firmware = context.Request.Headers["version"].ToString();
        return services.Grains.GetGrain<ICameraGrain>(CameraId.Normalize(uid)).BootstrappedAsync(
            new BootstrapReport(endpoint, string.IsNullOrEmpty(firmware) || firmware.Length > 64 ? null : firmware, RemoteAddress(context)),
            context.RequestAborted);
    }

    /// <summary>The camera's id as it spells it: answers echo that spelling; grains get the id's one spelling.</summary>
    private static bool TryGetDeviceId(HttpContext context, out string uid)
    {
        uid = context.Request.Query["devicesCode"].ToString();
        return CameraId.IsValid(uid);
    }

    private static Task BadDeviceIdAsync(HttpContext context) =>
        V720BootstrapResponse.WriteAsync(context, StatusCodes.Status400BadRequest,
            "devicesCode must be 1..32 ASCII letters and digits", w => w.WriteNullValue());

    private static string RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
