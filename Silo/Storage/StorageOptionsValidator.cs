using CameraCloud.Silo.Storage.Redis;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Storage;

/// <summary>Fails the start on a storage configuration that cannot work, saying which key is wrong.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        List<string> failures = [];
        if (StorageOptions.IsRedis(options.Provider))
        {
            ValidateRedis(options.Redis, failures);
        }
        else if (string.Equals(options.Provider, StorageOptions.EmbeddedProvider, StringComparison.OrdinalIgnoreCase))
        {
            ValidateDataPath(options.DataPath, failures);
        }
        else
        {
            failures.Add(
                $"Storage:Provider '{options.Provider}' is not supported; use '{StorageOptions.EmbeddedProvider}' " +
                $"(a local data folder set by Storage:DataPath) or '{StorageOptions.RedisProvider}' (a Redis server set by Storage:Redis).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateDataPath(string? dataPath, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(dataPath))
        {
            failures.Add("Storage:DataPath must name a folder (default 'data').");
        }
        else if (dataPath.Contains('\0', StringComparison.Ordinal))
        {
            failures.Add("Storage:DataPath contains a NUL character.");
        }
    }

    private static void ValidateRedis(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add(
                "Storage:Redis must be set when Storage:Provider is 'Redis': a StackExchange.Redis connection string " +
                "such as '127.0.0.1:6379,abortConnect=false'.");
            return;
        }

        if (!RedisConnectionString.TryParse(connectionString, out _, out string? problem))
        {
            failures.Add($"Storage:Redis is not a usable connection string: {problem}");
        }
    }
}
