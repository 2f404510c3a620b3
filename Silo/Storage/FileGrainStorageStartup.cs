using Microsoft.Extensions.Hosting;

namespace CameraCloud.Silo.Storage;

/// <summary>Checks the data folder when the host starts, before any grain needs it.</summary>
internal sealed class FileGrainStorageStartup(FileGrainStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        storage.EnsureWritable();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
