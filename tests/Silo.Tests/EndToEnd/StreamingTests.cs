using System.Collections.Concurrent;
using System.Net;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.V720.Simulator;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>A simulated camera streams through a real node to real HTTP viewers.</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task Mjpeg_parts_are_complete_jpegs_that_ffmpeg_decodes()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0A1B2C3"), Timeouts.Short);

        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short);
        var parts = await viewer.ReadPartsAsync(20, Timeouts.Long);

        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            {
                long previousSeq = -1;
                foreach (var part in parts)
                {
                    Assert.Equal("image/jpeg", part.ContentType);
                    Assert.Equal(part.DeclaredLength, part.Body.Length);
                    Assert.Equal([0xFF, 0xD8], part.Body[..2]);
                    Assert.Equal([0xFF, 0xD9], part.Body[^2..]);
                    Assert.True(SimulatedFrameTag.TryRead(part.Body, out var uid, out var seq));
                    Assert.Equal(camera.DeviceId, uid);
                    Assert.True(seq > previousSeq, "frames arrive in order");
                    previousSeq = seq;
                    await file.WriteAsync(part.Body, Timeouts.Short);
                }
            }
            var (frames, errors) = await Ffmpeg.DecodeMjpegAsync(path);
            Assert.Equal("", errors);
            Assert.Equal(parts.Count, frames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task First_605_is_empty_and_every_received_packet_is_confirmed_on_a_100_ms_cadence()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0A1B2C4"), Timeouts.Short);
        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short);
        await viewer.ReadPartsAsync(30, Timeouts.Long);

        var acks = camera.Acks;
        Assert.Empty(acks[0].PkgIds);
        Assert.Equal(0, camera.StoppedForMissingAcks);

        // Every id the camera sent before the last few acks must have been confirmed exactly once.
        var confirmed = acks.SelectMany(a => a.PkgIds).ToList();
        Assert.Equal(confirmed.Count, confirmed.Distinct().Count());
        var lastConfirmed = confirmed.Max();
        var firstConfirmed = confirmed.Min();
        Assert.Equal((int)(lastConfirmed - firstConfirmed + 1), confirmed.Count);

        // Cadence: the median gap between confirmations is the 100 ms timer (loose bounds: it is a
        // behaviour check on a shared machine, not a performance figure).
        var gaps = acks.Skip(1).Zip(acks.Skip(2), (a, b) => (b.At - a.At).TotalMilliseconds).Order().ToList();
        var median = gaps[gaps.Count / 2];
        Assert.InRange(median, 50, 250);
    }

    [Fact]
    public async Task Stream_stops_with_301_0_after_the_last_viewer_leaves()
    {
        await using var silo = await RunningSilo.StartAsync("--Cameras:StopGracePeriod=00:00:00.200");
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0A1B2C5"), Timeouts.Short);

        await using (var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short))
        {
            await viewer.ReadPartsAsync(3, Timeouts.Long);
            Assert.True(camera.IsStreaming);
        }

        await camera.WaitStoppedAsync(Timeouts.Long);
        Assert.Equal(StreamStopReason.StopCommand, camera.LastStopReason);
        var commands = camera.ReceivedCommands;
        var start = commands.Last(c => c.ContentCode == 3);
        var stop = commands.Last(c => c.ContentCode == 0);
        Assert.True(stop.At - start.At >= TimeSpan.FromSeconds(1.5), "301/0 never follows 301/3 closely");
    }

    [Fact]
    public async Task Snapshot_starts_the_stream_and_returns_one_jpeg()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0A1B2C6"), Timeouts.Short);

        using var response = await silo.Client.GetAsync($"api/cameras/{camera.DeviceId}/snapshot", Timeouts.Long);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var jpeg = await response.Content.ReadAsByteArrayAsync(Timeouts.Short);
        Assert.True(SimulatedFrameTag.TryRead(jpeg, out var uid, out _));
        Assert.Equal(camera.DeviceId, uid);
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
    }

    [Fact]
    public async Task Audio_is_a_wav_stream_that_ffprobe_reads_as_8_khz_pcm()
    {
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0A1B2C7"), Timeouts.Short);

        using var response = await silo.Client.GetAsync($"api/cameras/{camera.DeviceId}/audio", HttpCompletionOption.ResponseHeadersRead, Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(Timeouts.Short);
        var wav = new byte[44 + 8000]; // header and half a second of 16-bit samples
        await stream.ReadExactlyAsync(wav, Timeouts.Long);

        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, wav, Timeouts.Short);
            var probe = await Ffmpeg.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "default=nw=1", path], TimeSpan.FromSeconds(30));
            Assert.Contains("codec_name=pcm_s16le", probe.StdOut);
            Assert.Contains("sample_rate=8000", probe.StdOut);
            Assert.Contains("channels=1", probe.StdOut);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Watchdog_restarts_the_sequence_when_viewers_wait_and_no_video_comes()
    {
        await using var silo = await RunningSilo.StartAsync("--Cameras:WatchdogTimeout=00:00:01", "--Cameras:WatchdogInterval=00:00:00.200");
        // Every media packet lost: the camera streams, but nothing arrives.
        await using var camera = await SimulatedCamera.StartAsync(silo.CameraOptions("0800c0A1B2C8") with { PacketLossRate = 1.0, AckTimeout = Timeout.InfiniteTimeSpan }, Timeouts.Short);
        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short);

        await camera.WaitUntilAsync(c => c.ReceivedCommands.Count(m => m.Code == 11) >= 2, Timeouts.Long);
        var info = await silo.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/cameras/{camera.DeviceId}", Timeouts.Short);
        Assert.True(info.GetProperty("live").GetProperty("watchdogRestarts").GetInt64() >= 1);
    }

    [Fact]
    public async Task FrameSending_hook_names_every_frame_before_a_viewer_can_have_it()
    {
        var announced = new ConcurrentDictionary<long, bool>();
        await using var silo = await RunningSilo.StartAsync();
        await using var camera = await SimulatedCamera.StartAsync(
            silo.CameraOptions("0800c0A1B2C9") with { FrameSending = seq => announced.TryAdd(seq, true) }, Timeouts.Short);
        await using var viewer = await MjpegViewer.OpenAsync(silo.Client, camera.DeviceId, Timeouts.Short);

        for (var i = 0; i < 10; i++)
        {
            var part = await viewer.ReadPartAsync(Timeouts.Long);
            Assert.True(SimulatedFrameTag.TryRead(part.Body, out _, out var seq));
            // Checked as each part arrives: the hook ran for this frame before the viewer could read it.
            Assert.True(announced.ContainsKey(seq), $"frame {seq} reached the viewer before the hook named it");
        }
        var seqs = announced.Keys.Order().ToList();
        Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(n => (long)n), seqs);
    }
}
