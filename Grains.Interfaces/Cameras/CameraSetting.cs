namespace CameraCloud.Cameras;

/// <summary>The §4.2 forward-content commands the API exposes, with their wire codes.</summary>
public enum CameraSetting
{
    /// <summary>201 <c>speedGrade</c>: video quality grade.</summary>
    SpeedGrade = 201,

    /// <summary>202 <c>IrLed</c> 0 off, 1 on, 2 auto (newer firmware). Persisted by the camera.</summary>
    IrLed = 202,

    /// <summary>203 <c>sdMoveMode</c>: record only on motion.</summary>
    SdMoveMode = 203,

    /// <summary>204 <c>s</c>/<c>p</c>: join another Wi-Fi network. Dangerous.</summary>
    JoinWifi = 204,

    /// <summary>205 <c>moveAlert</c>: motion alert on/off.</summary>
    MoveAlert = 205,

    /// <summary>206 <c>moveGrade</c>: motion sensitivity.</summary>
    MoveGrade = 206,

    /// <summary>207: format the SD card (the camera reboots). Dangerous.</summary>
    FormatSdCard = 207,

    /// <summary>208: switch to access-point mode (leaves the cloud). Dangerous.</summary>
    AccessPointMode = 208,

    /// <summary>209 <c>sdCardReco</c>: SD recording on/off.</summary>
    SdRecording = 209,

    /// <summary>210 <c>instLed</c>: status LED on/off.</summary>
    InstLed = 210,

    /// <summary>212 <c>motorState</c> 0 stop, 1..4 directions (PTZ models).</summary>
    Ptz = 212,

    /// <summary>216 <c>mirrorFlip</c> 0 normal … 4 flipped.</summary>
    MirrorFlip = 216,

    /// <summary>224: power off. Dangerous.</summary>
    PowerOff = 224,

    /// <summary>299 <c>reboot</c>: 1. Dangerous.</summary>
    Reboot = 299,
}
