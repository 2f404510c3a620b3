namespace CameraCloud.Codecs.V720;

/// <summary>Values of the header's <c>msg_flag</c> on media packets (spec §6.1).</summary>
public static class V720MsgFlag
{
    public const byte First = 250;
    public const byte Middle = 251;
    public const byte Last = 252;
    public const byte Whole = 255;
}
