using System.Text;
using System.Text.Json;

namespace CameraCloud.Cameras;

/// <summary>
/// A validated §4.2 command: its code and the exact JSON object sent as 301 <c>content</c>.
/// Build one with <see cref="TryCreate"/>; the constructor is for tests and known-good values.
/// </summary>
public sealed record CameraCommand(CameraSetting Setting, string ContentJson)
{
    /// <summary>Commands that can cut a camera off, wipe data or need a physical reset (§9.4).</summary>
    public bool IsDangerous => Setting is CameraSetting.JoinWifi or CameraSetting.FormatSdCard
        or CameraSetting.AccessPointMode or CameraSetting.PowerOff or CameraSetting.Reboot;

    /// <summary>What replaces the Wi-Fi password wherever a command is shown.</summary>
    public const string MaskedPassword = "********";

    /// <summary>
    /// <see cref="ContentJson"/> as logs and API answers show it: the Wi-Fi password of <c>joinWifi</c> masked.
    /// The caller knows the password it sent; a copy anywhere else only leaks it.
    /// </summary>
    public string MaskedContentJson
    {
        get
        {
            if (Setting != CameraSetting.JoinWifi || System.Text.Json.Nodes.JsonNode.Parse(ContentJson) is not System.Text.Json.Nodes.JsonObject content
                || !content.ContainsKey("p"))
            {
                return ContentJson;
            }
            content["p"] = MaskedPassword;
            return content.ToJsonString();
        }
    }

    /// <summary>The setting's name in the API (the JSON enum spelling, e.g. "irLed").</summary>
    public static string ApiName(CameraSetting setting) => JsonNamingPolicy.CamelCase.ConvertName(setting.ToString());

    /// <summary>Validates the arguments a setting needs and builds the content object.</summary>
    /// <returns>null and an error message when an argument is missing or out of range.</returns>
    public static CameraCommand? TryCreate(CameraSetting setting, int? value, string? ssid, string? password, out string? error)
    {
        error = null;
        switch (setting)
        {
            case CameraSetting.SpeedGrade: return WithValue("speedGrade", 0, 5, out error);
            case CameraSetting.IrLed: return WithValue("IrLed", 0, 2, out error);
            case CameraSetting.SdMoveMode: return WithValue("sdMoveMode", 0, 1, out error);
            case CameraSetting.MoveAlert: return WithValue("moveAlert", 0, 1, out error);
            case CameraSetting.MoveGrade: return WithValue("moveGrade", 0, 5, out error);
            case CameraSetting.SdRecording: return WithValue("sdCardReco", 0, 1, out error);
            case CameraSetting.InstLed: return WithValue("instLed", 0, 1, out error);
            case CameraSetting.Ptz: return WithValue("motorState", 0, 4, out error);
            case CameraSetting.MirrorFlip: return WithValue("mirrorFlip", 0, 4, out error);
            case CameraSetting.Reboot: return Build(w => w.WriteNumber("reboot", 1));
            case CameraSetting.FormatSdCard or CameraSetting.AccessPointMode or CameraSetting.PowerOff:
                return Build(_ => { });
            case CameraSetting.JoinWifi:
                // 204 without s/p makes the camera just drop Wi-Fi (§9.4), so both are required.
                if (string.IsNullOrWhiteSpace(ssid) || ssid.Length > 32)
                {
                    error = "joinWifi needs 'ssid' (1..32 characters).";
                    return null;
                }
                if (password is null || password.Length is < 8 or > 36)
                {
                    error = "joinWifi needs 'password' (8..36 characters).";
                    return null;
                }
                return Build(w =>
                {
                    w.WriteString("s", ssid);
                    w.WriteString("p", password);
                });
            default:
                error = $"Unknown setting {(int)setting}.";
                return null;
        }

        CameraCommand? WithValue(string field, int min, int max, out string? valueError)
        {
            valueError = null;
            if (value is not { } v || v < min || v > max)
            {
                valueError = $"{ApiName(setting)} needs 'value' between {min} and {max}.";
                return null;
            }
            return Build(w => w.WriteNumber(field, v));
        }

        CameraCommand Build(Action<Utf8JsonWriter> fields)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("code", (int)setting);
                fields(writer);
                writer.WriteEndObject();
            }
            return new CameraCommand(setting, Encoding.UTF8.GetString(stream.ToArray()));
        }
    }
}
