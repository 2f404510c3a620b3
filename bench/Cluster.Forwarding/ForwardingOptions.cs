using System.Globalization;

namespace CameraCloud.Bench.ClusterForwarding;

/// <summary>Knobs of the forwarding run, from <c>--name value</c> arguments.</summary>
public sealed record ForwardingOptions
{
    public string SiloDll { get; init; } = "";
    public int Cameras { get; init; } = 20;
    public int ViewersPerCamera { get; init; } = 1;
    public int Fps { get; init; } = 10;

    /// <summary>Length of each measured phase (idle, latency, direct, forwarded).</summary>
    public TimeSpan Phase { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Settling time after viewers change, before a phase's first sample.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After the latency window closes, how long frames sent in it may still arrive.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(2);

    public int Viewers => Cameras * ViewersPerCamera;

    public static ForwardingOptions Parse(string[] args)
    {
        var options = new ForwardingOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--silo" => options with { SiloDll = Next() },
                "--cameras" => options with { Cameras = Number() },
                "--viewers-per-camera" => options with { ViewersPerCamera = Number() },
                "--fps" => options with { Fps = Number() },
                "--phase" => options with { Phase = TimeSpan.FromSeconds(Number()) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number()) },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }
        if (string.IsNullOrEmpty(options.SiloDll) || !File.Exists(options.SiloDll))
        {
            throw new ArgumentException("--silo must name the built CameraCloud.Silo.dll (bench/run-forwarding.sh builds it)");
        }
        if (options.Cameras is < 1 or > 500 || options.ViewersPerCamera is < 1 or > 20 || options.Fps is < 1 or > 30)
        {
            throw new ArgumentException("--cameras 1..500, --viewers-per-camera 1..20, --fps 1..30");
        }
        if (options.Phase < TimeSpan.FromSeconds(1) || options.Warmup < TimeSpan.Zero)
        {
            throw new ArgumentException("--phase is at least 1 s; --warmup is not negative");
        }
        return options;
    }
}
