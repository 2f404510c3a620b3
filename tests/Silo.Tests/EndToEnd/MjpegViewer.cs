using CameraCloud.V720.Simulator.Viewing;

namespace CameraCloud.Silo.Tests.EndToEnd;

/// <summary>A viewer of <c>/api/cameras/{id}/mjpeg</c>: opens the stream and reads parts until disposed.</summary>
public sealed class MjpegViewer : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly MjpegPartReader _reader;

    private MjpegViewer(HttpResponseMessage response, MjpegPartReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<MjpegViewer> OpenAsync(HttpClient client, string cameraId, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync($"api/cameras/{cameraId}/mjpeg", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"mjpeg answered {(int)response.StatusCode}: {body}");
        }
        var contentType = response.Content.Headers.ContentType ?? throw new InvalidDataException("no Content-Type");
        Assert.Equal("multipart/x-mixed-replace", contentType.MediaType);
        var boundary = contentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new MjpegViewer(response, new MjpegPartReader(stream, boundary));
    }

    public Task<MjpegPart> ReadPartAsync(CancellationToken cancellationToken) => _reader.ReadPartAsync(cancellationToken);

    public async Task<List<MjpegPart>> ReadPartsAsync(int count, CancellationToken cancellationToken)
    {
        var parts = new List<MjpegPart>(count);
        for (var i = 0; i < count; i++)
        {
            parts.Add(await ReadPartAsync(cancellationToken));
        }
        return parts;
    }

    public ValueTask DisposeAsync()
    {
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
