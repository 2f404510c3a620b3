using CameraCloud.Cameras;

namespace CameraCloud.Gateway;

/// <summary>Why each dangerous setting needs a caller's explicit confirmation (protocol spec §9.4).</summary>
internal static class DangerousCommands
{
    public static string DescribeRisk(CameraSetting setting) => setting switch
    {
        CameraSetting.Reboot => "reboot disconnects the camera until it has restarted and registered again.",
        CameraSetting.PowerOff => "powerOff switches the camera off; it stays offline until someone power-cycles it.",
        CameraSetting.FormatSdCard => "formatSdCard erases every recording on the SD card and reboots the camera.",
        CameraSetting.AccessPointMode =>
            "accessPointMode makes the camera leave this service and open its own Wi-Fi access point; it comes back only after it is set up again by hand.",
        CameraSetting.JoinWifi =>
            "joinWifi moves the camera to another Wi-Fi network; a wrong SSID or password leaves it unreachable until a physical reset.",
        _ => "it can cut the camera off or erase data.",
    };
}
