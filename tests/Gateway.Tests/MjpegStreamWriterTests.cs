using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class MjpegStreamWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void One_part_has_the_exact_layout()
    {
        var writer = new MjpegStreamWriter("b0undary");
        var output = new ArrayBufferWriter<byte>();

        writer.WritePart(output, [0xFF, 0xD8, 0xFF, 0xD9]);

        byte[] expected =
        [
            .. "--b0undary\r\nContent-Type: image/jpeg\r\nContent-Length: 4\r\n\r\n"u8,
            0xFF, 0xD8, 0xFF, 0xD9,
            .. "\r\n"u8,
        ];
        Assert.Equal(expected, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Written_parts_parse_back_with_their_content_lengths()
    {
        var writer = MjpegStreamWriter.WithRandomBoundary();
        var output = new ArrayBufferWriter<byte>();
        var random = new Random(7);
        var frames = new List<byte[]>();
        foreach (var size in new[] { 0, 1, 1004, 25_775, 70_000 })
        {
            var frame = new byte[size];
            random.NextBytes(frame);
            frames.Add(frame);
        }
        // A frame that contains delimiter-like bytes must still come back whole: lengths, not scanning, split parts.
        frames.Add(Encoding.ASCII.GetBytes($"\r\n--{writer.Boundary}\r\nContent-Length: 1\r\n\r\n"));

        foreach (var frame in frames)
        {
            writer.WritePart(output, frame);
        }
        writer.WriteEnd(output);

        var (parts, ended) = ParseMultipart(output.WrittenSpan.ToArray(), writer.Boundary);
        Assert.True(ended);
        Assert.Equal(frames.Count, parts.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal("image/jpeg", parts[i].ContentType);
            Assert.Equal(frames[i], parts[i].Body);
        }
    }

    [Fact]
    public void Content_type_names_the_boundary()
    {
        var writer = new MjpegStreamWriter("abc-123");

        Assert.Equal("multipart/x-mixed-replace; boundary=abc-123", writer.ContentType);
    }

    [Fact]
    public void Random_boundaries_are_valid_and_differ_per_stream()
    {
        var first = MjpegStreamWriter.WithRandomBoundary();
        var second = MjpegStreamWriter.WithRandomBoundary();

        Assert.NotEqual(first.Boundary, second.Boundary);
        Assert.InRange(first.Boundary.Length, 1, MjpegStreamWriter.MaxBoundaryLength);
        _ = new MjpegStreamWriter(first.Boundary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("quote\"d")]
    [InlineData("crlf\r\n")]
    [InlineData("ünïcode")]
    public void Refuses_boundaries_that_would_break_the_header(string boundary)
    {
        Assert.Throws<ArgumentException>(() => new MjpegStreamWriter(boundary));
    }

    [Fact]
    public void Refuses_a_boundary_longer_than_70_characters()
    {
        Assert.Throws<ArgumentException>(() => new MjpegStreamWriter(new string('a', 71)));
    }

    [Fact]
    public async Task WritePartAsync_flushes_each_part_to_the_reader()
    {
        var pipe = new Pipe();
        var writer = new MjpegStreamWriter("b");
        using var cancellation = new CancellationTokenSource(Timeout);

        var open = await writer.WritePartAsync(pipe.Writer, new byte[] { 1, 2, 3 }, cancellation.Token);
        var read = await pipe.Reader.ReadAsync(cancellation.Token);

        Assert.True(open);
        var (parts, _) = ParseMultipart(read.Buffer.ToArray(), "b");
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(parts).Body);
    }

    [Fact]
    public async Task WritePartAsync_reports_a_reader_that_has_gone()
    {
        var pipe = new Pipe();
        var writer = new MjpegStreamWriter("b");
        await pipe.Reader.CompleteAsync();
        using var cancellation = new CancellationTokenSource(Timeout);

        var open = await writer.WritePartAsync(pipe.Writer, new byte[] { 1 }, cancellation.Token);

        Assert.False(open);
    }

    /// <summary>A strict reader of the format: every part must have Content-Length and be followed by CRLF.</summary>
    private static (List<(string ContentType, byte[] Body)> Parts, bool Ended) ParseMultipart(byte[] data, string boundary)
    {
        var parts = new List<(string, byte[])>();
        var delimiter = Encoding.ASCII.GetBytes($"--{boundary}");
        var position = 0;
        while (position < data.Length)
        {
            Assert.True(data.AsSpan(position).StartsWith(delimiter), $"delimiter expected at {position}");
            position += delimiter.Length;
            if (data.AsSpan(position).SequenceEqual("--\r\n"u8))
            {
                return (parts, true);
            }
            Assert.True(data.AsSpan(position).StartsWith("\r\n"u8));
            position += 2;
            var headerEnd = data.AsSpan(position).IndexOf("\r\n\r\n"u8);
            Assert.True(headerEnd >= 0, "headers must end with an empty line");
            var headers = Encoding.ASCII.GetString(data, position, headerEnd)
                .Split("\r\n")
                .Select(line => line.Split(": ", 2))
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
            position += headerEnd + 4;
            var length = int.Parse(headers["Content-Length"], System.Globalization.CultureInfo.InvariantCulture);
            parts.Add((headers["Content-Type"], data.AsSpan(position, length).ToArray()));
            position += length;
            Assert.True(data.AsSpan(position).StartsWith("\r\n"u8), "a part body is followed by CRLF");
            position += 2;
        }
        return (parts, false);
    }
}
