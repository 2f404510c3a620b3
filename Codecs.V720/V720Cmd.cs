namespace CameraCloud.Codecs.V720;

/// <summary>Values of the header's <c>cmd</c> field (spec §3.2).</summary>
public static class V720Cmd
{
    public const ushort Json = 0;
    public const ushort Jpeg = 1;
    public const ushort G711ALaw = 4;
    public const ushort Pcm = 6;
    public const ushort Heartbeat = 100;
    public const ushort Ping = 101;
    public const ushort Pong = 102;
    public const ushort RetransmissionConfirm = 605;
}
