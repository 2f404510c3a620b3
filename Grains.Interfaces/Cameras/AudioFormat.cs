namespace CameraCloud.Cameras;

public enum AudioFormat
{
    /// <summary>V720 cmd 4: G.711 A-law, 8 kHz, mono, one byte per sample.</summary>
    ALaw,

    /// <summary>V720 cmd 6: assumed signed 16-bit little-endian PCM, 8 kHz, mono (not pinned down on hardware).</summary>
    Pcm16,
}
