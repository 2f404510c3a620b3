using CameraCloud.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Storage;

internal static class StorageFactory
{
    public static FileGrainStorage Create(string dataPath) =>
        new(Options.Create(new StorageOptions { DataPath = dataPath }), NullLogger<FileGrainStorage>.Instance);
}
