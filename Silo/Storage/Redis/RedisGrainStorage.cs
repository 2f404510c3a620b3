using System.Security.Cryptography;
using CameraCloud.Actors;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// The shared store: each record is one Redis hash (key by <see cref="RedisRecordKey"/>) with exactly
/// the fields <c>etag</c> and <c>data</c>. Reads are one HGETALL; writes and clears are Lua scripts
/// (<see cref="RedisScripts"/>) that compare the ETag and change the hash atomically, so the
/// optimistic concurrency of <see cref="IGrainStorage"/> holds across nodes. It talks through the node's
/// shared <see cref="RedisConnection"/>, so every call is bounded by its per-call timeout; when Redis is
/// away the call fails (the grain call with it) and the multiplexer reconnects by itself. A call that timed
/// out may still have been applied: the grain's ETag is then stale and its next write fails as a conflict
/// rather than overwriting. A hash the store did not write is reported, never repaired or overwritten.
/// </summary>
public sealed class RedisGrainStorage(RedisConnection connection, ILogger<RedisGrainStorage> logger) : IGrainStorage
{
    /// <summary>The largest state accepted, as in the embedded store.</summary>
    internal const int MaxDataBytes = FileGrainStorage.MaxDataBytes;

    /// <summary>The Redis endpoints as <c>host:port</c>, without the password: what logs and messages show.</summary>
    public string Endpoints => connection.Endpoints;

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

    private Task<T> RunAsync<T>(Func<IDatabase, Task<T>> operation, string what, RedisKey redisKey, CancellationToken ct) =>
        connection.CallAsync(
            operation,
            (reason, inner) => new IOException(
                $"Redis grain storage on {Endpoints} could not {what} '{RedisRecordKey.Display(redisKey)}': {reason}", inner),
            ct);

    private InvalidDataException Unreadable(RedisKey redisKey, string problem)
    {
        string display = RedisRecordKey.Display(redisKey);
        StorageLog.RedisUnreadableRecord(logger, display, problem);
        return new InvalidDataException(
            $"Grain state record '{display}' in Redis {Endpoints} cannot be read: {problem}. " +
            "It was left untouched; repair or delete it so the grain can activate.");
    }
}
