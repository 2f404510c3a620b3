namespace CameraCloud.V720.Simulator;

/// <summary>
/// The ten 640×480 baseline JPEGs every simulated camera sends in turn, loaded once per process and shared
/// by all cameras (made with <c>ffmpeg -f lavfi -i testsrc=size=640x480:rate=10 -frames:v 10
/// -pix_fmt yuvj422p -q:v 2 -flags +bitexact -fflags +bitexact frame%02d.jpg</c>, about 18 KB each).
/// </summary>
public static class SimulatedFrames
{
    private static readonly Lazy<byte[][]> Loaded = new(Load);

    public static int Count => Loaded.Value.Length;

    /// <summary>The untagged source frame number <paramref name="index"/> (modulo <see cref="Count"/>).</summary>
    public static ReadOnlyMemory<byte> Get(long index) => Loaded.Value[(int)(index % Loaded.Value.Length)];

    public static int MaxLength { get; } = Loaded.Value.Max(frame => frame.Length);

    private static byte[][] Load()
    {
        var assembly = typeof(SimulatedFrames).Assembly;
        var frames = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Frames.", StringComparison.Ordinal) && name.EndsWith(".jpg", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)
                    ?? throw new InvalidOperationException($"Embedded frame {name} cannot be opened.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            })
            .ToArray();
        if (frames.Length == 0)
        {
            throw new InvalidOperationException("No embedded frames: the simulator was built without Frames/*.jpg.");
        }
        return frames;
    }
}
