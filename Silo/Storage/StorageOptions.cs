namespace CameraCloud.Silo.Storage;

/// <summary>Configuration section <c>Storage</c>: which grain state store to use and where.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string EmbeddedProvider = "Embedded";

    public const string RedisProvider = "Redis";

    /// <summary>The store: <c>Embedded</c> (a local data folder) or <c>Redis</c> (shared by several nodes).</summary>
    public string Provider { get; set; } = EmbeddedProvider;

    /// <summary>The embedded store's folder, relative to the current directory unless absolute.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// The Redis store's StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379,abortConnect=false</c>;
    /// required when <see cref="Provider"/> is <c>Redis</c>. It may hold a password: log it only masked.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Whether <see cref="Provider"/> names the Redis store (case-insensitive, like configuration keys).</summary>
    public static bool IsRedis(string? provider) =>
        string.Equals(provider, RedisProvider, StringComparison.OrdinalIgnoreCase);
}
