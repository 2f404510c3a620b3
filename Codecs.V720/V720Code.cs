namespace CameraCloud.Codecs.V720;

/// <summary>The <c>code</c> of JSON signalling messages (spec §4.1) and of 301 content (§4.2).</summary>
public static class V720Code
{
    public const int NatRequest = 11;
    public const int NatResponse = 12;
    public const int UdpRequest = 20;
    public const int UdpResponse = 21;
    public const int ProbeRequest = 50;
    public const int ProbeResponse = 51;
    public const int DeviceStatus = 53;
    public const int RegisterRequest = 100;
    public const int RegisterResponse = 101;
    public const int Forward = 301;

    // 301 content codes
    public const int StopMedia = 0;
    public const int StartMedia = 3;
    public const int BaseInfo = 4;
    public const int EnableRetransmission = 298;
}
