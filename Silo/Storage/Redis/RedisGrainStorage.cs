using System.Globalization;
using System.Security.Cryptography;
using CameraCloud.Actors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// The shared store: each record is one Redis hash (key by <see cref="RedisRecordKey"/>) with exactly
/// the fields <c>etag</c> and <c>data</c>. Reads are one HGETALL; writes and clears are Lua scripts
/// (<see cref="RedisScripts"/>) that compare the ETag and change the hash atomically, so the
/// optimistic concurrency of <see cref="IGrainStorage"/> holds across nodes. Every call is bounded by
/// <see cref="OperationTimeout"/>; when Redis is away the call fails (the grain call with it) and the
/// multiplexer reconnects by itself. A call that timed out may still have been applied: the grain's
/// ETag is then stale and its next write fails as a conflict rather than overwriting. A hash the store
/// did not write is reported, never repaired or overwritten.
/// </summary>
public sealed class RedisGrainStorage : IGrainStorage, IDisposable
{
    /// <summary>The largest state accepted, as in the embedded store.</summary>
    internal const int MaxDataBytes = FileGrainStorage.MaxDataBytes;

    /// <summary>How long one read, write or clear may take, connection trouble included.</summary>
    internal static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the start waits for the first connection unless the connection string allows longer.</summary>
    internal static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly ConfigurationOptions _configuration;
    private readonly ILogger<RedisGrainStorage> _logger;
    private ConnectionMultiplexer? _connection;

    public RedisGrainStorage(IOptions<StorageOptions> options, ILogger<RedisGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        if (!RedisConnectionString.TryParse(options.Value.Redis ?? "", out ConfigurationOptions? configuration, out string? problem))
        {
            throw new InvalidOperationException($"Storage:Redis is not a usable connection string: {problem}");
        }

        _configuration = configuration!;
        Endpoints = RedisConnectionString.Describe(_configuration);
    }

    /// <summary>The Redis endpoints as <c>host:port</c>, without the password: what logs and messages show.</summary>
    public string Endpoints { get; }

    private IDatabase Database => (_connection ?? throw new InvalidOperationException(
        $"The Redis grain storage on {Endpoints} is not connected; the host connects it at start.")).GetDatabase();

    public async Task<StoredRecord?> ReadAsync(string grainType, string key, string stateName, CancellationToken ct)
    {
        RedisKey redisKey = RedisRecordKey.For(grainType, key, stateName);
        HashEntry[] fields;
        try
        {
            fields = await RunAsync(db => db.HashGetAllAsync(redisKey), "read", redisKey, ct);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            throw Unreadable(redisKey, "it is not a Redis hash");
        }

        if (fields.Length == 0)
        {
            return null;
        }

        string? etag = null;
        byte[]? data = null;
        foreach (HashEntry field in fields)
        {
            switch ((string?)field.Name)
            {
                case "etag":
                    etag = field.Value;
                    break;
                case "data":
                    data = field.Value;
                    break;
                default:
                    throw Unreadable(redisKey, $"it has a field \"{field.Name}\" the store does not write");
            }
        }

        return string.IsNullOrEmpty(etag) ? throw Unreadable(redisKey, "it has no \"etag\" field")
            : data is null ? throw Unreadable(redisKey, "it has no \"data\" field")
            : new StoredRecord(data, etag);
    }

    public async Task<string> WriteAsync(
        string grainType, string key, string stateName, ReadOnlyMemory<byte> data, string? expectedEtag, CancellationToken ct)
    {
        RedisKey redisKey = RedisRecordKey.For(grainType, key, stateName);
        if (data.Length > MaxDataBytes)
        {
            throw new ArgumentException(
                $"State '{stateName}' of {grainType}/'{key}' is {data.Length} bytes; the Redis store takes at most {MaxDataBytes}.",
                nameof(data));
        }

        string etag = NewEtag();
        RedisValue[] args = [Expected(expectedEtag), etag, data.ToArray()];
        RedisResult result = await RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Write, [redisKey], args), "write", redisKey, ct);
        CheckOutcome(result, redisKey, expectedEtag, grainType, key, stateName);
        return etag;
    }

    public async Task ClearAsync(string grainType, string key, string stateName, string? expectedEtag, CancellationToken ct)
    {
        RedisKey redisKey = RedisRecordKey.For(grainType, key, stateName);
        RedisValue[] args = [Expected(expectedEtag)];
        RedisResult result = await RunAsync(db => db.ScriptEvaluateAsync(RedisScripts.Clear, [redisKey], args), "clear", redisKey, ct);
        CheckOutcome(result, redisKey, expectedEtag, grainType, key, stateName);
    }

    /// <summary>
    /// Opens the connection, bounded by the connection string's connectTimeout (default 5 s); an
    /// unreachable server fails with a message naming <c>Storage:Redis</c> and its endpoints.
    /// </summary>
    internal async Task ConnectAsync(CancellationToken ct)
    {
        ConfigurationOptions configuration = _configuration.Clone();
        if (!_configuration.ToString(includePassword: false).Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            configuration.ConnectTimeout = (int)DefaultConnectTimeout.TotalMilliseconds;
        }

        // Only the first connection must succeed at once; after that the multiplexer reconnects by itself.
        configuration.AbortOnConnectFail = true;
        // The library may retry inside ConnectAsync; the start waits for one connect timeout in all.
        TimeSpan bound = TimeSpan.FromMilliseconds(configuration.ConnectTimeout);
        Task<ConnectionMultiplexer> connecting = ConnectionMultiplexer.ConnectAsync(configuration);
        try
        {
            _connection = await connecting.WaitAsync(bound, ct);
        }
        catch (OperationCanceledException)
        {
            DisposeWhenConnected(connecting);
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException or RedisException)
        {
            DisposeWhenConnected(connecting);
            string reason = ex.GetType() == typeof(TimeoutException)
                ? $"no connection within {bound.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
                : RedisConnectionString.MaskPassword(ex.Message, _configuration.Password);
            throw new InvalidOperationException($"Storage:Redis '{Endpoints}' is unreachable: {reason}", ex);
        }

        _connection.ConnectionFailed += (_, e) =>
            StorageLog.RedisConnectionLost(_logger, e.EndPoint?.ToString() ?? Endpoints, e.FailureType.ToString());
        _connection.ConnectionRestored += (_, e) =>
            StorageLog.RedisConnectionRestored(_logger, e.EndPoint?.ToString() ?? Endpoints);
        StorageLog.RedisConnected(_logger, Endpoints);
    }

    public void Dispose() => _connection?.Dispose();

    // A connection that completes after the start gave up on it must not linger.
    private static void DisposeWhenConnected(Task<ConnectionMultiplexer> connecting) =>
        _ = connecting.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Dispose();
                }
                else
                {
                    _ = t.Exception;
                }
            },
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    /// <summary>16 hex characters from a cryptographic source: unique enough that two writers never pick the same.</summary>
    private static string NewEtag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static RedisValue Expected(string? etag) => etag is null ? RedisValue.EmptyString : "=" + etag;

    private void CheckOutcome(RedisResult result, RedisKey redisKey, string? expectedEtag, string grainType, string key, string stateName)
    {
        var reply = (RedisResult[])result!;
        string? status = reply.Length > 0 ? (string?)reply[0] : null;
        switch (status)
        {
            case "ok":
                return;
            case "moved":
                string stored = (string?)reply[1] ?? "";
                throw new InconsistentStateException(
                    $"State '{stateName}' of {grainType}/'{key}' changed since it was read: expected ETag " +
                    $"{expectedEtag ?? "(none: a new record)"}, stored ETag {(stored.Length == 0 ? "(none: no record)" : stored[1..])}.");
            case "bad":
                throw Unreadable(redisKey, (string?)reply[1] ?? "it is not what the store writes");
            default:
                throw new InvalidOperationException($"The Redis store's script answered '{status}' for '{RedisRecordKey.Display(redisKey)}'.");
        }
    }

    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, string what, RedisKey redisKey, CancellationToken ct)
    {
        Task<T> call = operation(Database);
        try
        {
            // 1.2.6 takes no token: the wait is bounded and cancellable here, the command itself runs on.
            return await call.WaitAsync(OperationTimeout, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or RedisConnectionException)
        {
            _ = call.ContinueWith(
                t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw new IOException(
                $"Redis grain storage on {Endpoints} could not {what} '{RedisRecordKey.Display(redisKey)}': " +
                RedisConnectionString.MaskPassword(ex.Message, _configuration.Password), ex);
        }
        catch (OperationCanceledException)
        {
            _ = call.ContinueWith(
                t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private InvalidDataException Unreadable(RedisKey redisKey, string problem)
    {
        string display = RedisRecordKey.Display(redisKey);
        StorageLog.RedisUnreadableRecord(_logger, display, problem);
        return new InvalidDataException(
            $"Grain state record '{display}' in Redis {Endpoints} cannot be read: {problem}. " +
            "It was left untouched; repair or delete it so the grain can activate.");
    }
}
