using CameraCloud.Silo.Storage;
using CameraCloud.Silo.Storage.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Tests.Storage.Redis;

internal static class RedisStorageFactory
{
    /// <summary>A connection not yet connected, as the host builds it from <c>Storage:Redis</c>.</summary>
    public static RedisConnection Create(string connectionString) =>
        new(Options.Create(new StorageOptions { Provider = StorageOptions.RedisProvider, Redis = connectionString }),
            NullLogger<RedisConnection>.Instance);

    /// <summary>A connection to <paramref name="server"/>, connected as the host's start connects it.</summary>
    public static async Task<RedisConnection> ConnectAsync(RedisServer server)
    {
        RedisConnection connection = Create(server.ConnectionString);
        try
        {
            await connection.ConnectAsync(default).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    public static RedisGrainStorage Storage(RedisConnection connection) => new(connection, NullLogger<RedisGrainStorage>.Instance);
}
