using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Storage.Redis;

internal static class RedisStorageFactory
{
    public static RedisGrainStorage Create(string connectionString) =>
        new(Options.Create(new StorageOptions { Provider = StorageOptions.RedisProvider, Redis = connectionString }),
            NullLogger<RedisGrainStorage>.Instance);

    public static async Task<RedisGrainStorage> ConnectAsync(RedisServer server)
    {
        RedisGrainStorage storage = Create(server.ConnectionString);
        try
        {
            await storage.ConnectAsync(default).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            storage.Dispose();
            throw;
        }

        return storage;
    }
}
