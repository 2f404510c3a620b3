using System.Globalization;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Bench.V720Load;

/// <summary>
/// A child process holding a share of the idle cameras: each simulated camera needs two or three sockets
/// and one process may open only so many files, so thousands of cameras are spread over several workers.
/// Prints <c>READY n</c> once its cameras registered and keeps them until its input closes.
/// </summary>
public static class IdleWorker
{
    public const string Flag = "--idle-worker";

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name) => int.Parse(args[Array.IndexOf(args, name) + 1], CultureInfo.InvariantCulture);
        var httpPort = Arg("--http-port");
        var mqttPort = Arg("--mqtt-port");
        var first = Arg("--first");
        var count = Arg("--count");
        var useMqtt = args.Contains("--mqtt");

        var cameras = new SimulatedCamera?[count];
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                cameras[i] = await SimulatedCamera.StartAsync(new SimulatedCameraOptions
                {
                    ServerHost = "127.0.0.1",
                    HttpPort = httpPort,
                    MqttPort = mqttPort,
                    UseMqtt = useMqtt,
                    DeviceId = "0800c2" + (first + i).ToString("X6", CultureInfo.InvariantCulture),
                    SendAudio = false,
                    Seed = first + i,
                    ConnectTimeout = TimeSpan.FromSeconds(30),
                    RegisterTimeout = TimeSpan.FromSeconds(30),
                }, CancellationToken.None);
            }
            catch (Exception ex) when (ex is SimulatedCameraException or IOException or System.Net.Sockets.SocketException)
            {
                Console.Error.WriteLine($"camera {first + i} did not start: {ex.Message}");
            }
            finally
            {
                gate.Release();
            }
        }));

        Console.WriteLine($"READY {cameras.Count(c => c is { IsRegistered: true })}");
        await Console.In.ReadToEndAsync();
        foreach (var camera in cameras)
        {
            if (camera is not null)
            {
                await camera.DisposeAsync();
            }
        }
        return 0;
    }
}
