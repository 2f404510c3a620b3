using System.Globalization;

namespace CameraCloud.Bench.V720Load;

/// <summary>Knobs of the load run, from <c>--name value</c> arguments.</summary>
public sealed record BenchOptions
{
    public string SiloDll { get; init; } = "";
    public int Step { get; init; } = 50;
    public int MaxStreaming { get; init; } = 600;
    public double LossLimitPercent { get; init; } = 0.5;
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(20);
    public int IdleCameras { get; init; } = 10_000;
    public bool IdleWithMqtt { get; init; }
    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromSeconds(15);
    public bool SkipStreaming { get; init; }
    public bool SkipIdle { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--silo" => options with { SiloDll = Next() },
                "--step" => options with { Step = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--max-streaming" => options with { MaxStreaming = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--window" => options with { Window = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--idle" => options with { IdleCameras = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--idle-with-mqtt" => options with { IdleWithMqtt = true },
                "--skip-streaming" => options with { SkipStreaming = true },
                "--skip-idle" => options with { SkipIdle = true },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }
        if (string.IsNullOrEmpty(options.SiloDll) || !File.Exists(options.SiloDll))
        {
            throw new ArgumentException("--silo must name the built CameraCloud.Silo.dll (bench/run-v720-load.sh builds it)");
        }
        return options;
    }
}
