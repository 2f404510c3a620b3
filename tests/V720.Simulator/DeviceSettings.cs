using System.Text.Json;
using CameraCloud.Codecs.V720;

namespace CameraCloud.V720.Simulator;

/// <summary>
/// The settings a camera reports in its 301/4 base info (spec §4.2). A real camera persists them (202 IrLed
/// famously survives reboots), so they live for the simulated camera's lifetime, across connections.
/// </summary>
public sealed class DeviceSettings
{
    private volatile int _irLed;
    private volatile int _speedGrade = 1;
    private volatile int _moveAlert;
    private volatile int _sdMoveMode;
    private volatile int _instLed = 1;
    private volatile int _mirrorFlip;

    internal DeviceSettings()
    {
    }

    public int IrLed => _irLed;
    public int SpeedGrade => _speedGrade;
    public int MoveAlert => _moveAlert;
    public int SdMoveMode => _sdMoveMode;
    public int InstLed => _instLed;
    public int MirrorFlip => _mirrorFlip;

    /// <summary>Applies a setting command's field when it carries one (201, 202, 203, 205, 210, 216).</summary>
    internal void Apply(int contentCode, JsonElement content)
    {
        switch (contentCode)
        {
            case 201 when V720Json.GetInt(content, "speedGrade") is int grade: _speedGrade = grade; break;
            case 202 when V720Json.GetInt(content, "IrLed") is int irLed: _irLed = irLed; break;
            case 203 when V720Json.GetInt(content, "sdMoveMode") is int mode: _sdMoveMode = mode; break;
            case 205 when V720Json.GetInt(content, "moveAlert") is int alert: _moveAlert = alert; break;
            case 210 when V720Json.GetInt(content, "instLed") is int led: _instLed = led; break;
            case 216 when V720Json.GetInt(content, "mirrorFlip") is int flip: _mirrorFlip = flip; break;
            default: break;
        }
    }

    /// <summary>The content of the camera's 301/4 reply, in the order the FW 202212011602 camera writes it.</summary>
    internal string BaseInfoJson(string firmware) =>
        $"{{\"code\":4,\"IrLed\":{IrLed},\"devPower\":100,\"speedGrade\":{SpeedGrade},\"moveAlert\":{MoveAlert},"
        + $"\"sdMoveMode\":{SdMoveMode},\"wifiName\":\"sim\",\"instLed\":{InstLed},\"sdDevStatus\":0,"
        + $"\"mirrorFlip\":{MirrorFlip},\"version\":\"{firmware}\"}}";
}
