using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// The node's one connection to the Redis server named by <c>Storage:Redis</c>, shared by the grain storage,
/// the device directory and the membership: one multiplexer per node, connected when the host starts
/// (<see cref="RedisConnectionStartup"/>), so an unreachable server fails the start rather than the first
/// camera. After that the multiplexer reconnects by itself; every call is bounded by <see cref="CallAsync"/>.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    /// <summary>How long one call may take, connection trouble included.</summary>
    internal static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long the start waits for the first connection unless the connection string allows longer.</summary>
    internal static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly ConfigurationOptions _configuration;
    private readonly ILogger<RedisConnection> _logger;
    private ConnectionMultiplexer? _multiplexer;

    public RedisConnection(IOptions<StorageOptions> options, ILogger<RedisConnection> logger)
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

    /// <summary>The connected multiplexer; the host connects it at start.</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException(
        $"Redis on {Endpoints} is not connected; the host connects it at start.");

    /// <summary>
    /// Opens the connection, bounded by the connection string's connectTimeout (default 5 s); an
    /// unreachable server fails with a message naming <c>Storage:Redis</c> and its endpoints.
    /// </summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        if (_multiplexer is not null)
        {
            return;
        }

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
        ConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await connecting.WaitAsync(bound, ct);
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
                : Mask(ex.Message);
            throw new InvalidOperationException($"Storage:Redis '{Endpoints}' is unreachable: {reason}", ex);
        }

        multiplexer.ConnectionFailed += (_, e) =>
            StorageLog.RedisConnectionLost(_logger, e.EndPoint?.ToString() ?? Endpoints, e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, e) =>
            StorageLog.RedisConnectionRestored(_logger, e.EndPoint?.ToString() ?? Endpoints);
        _multiplexer = multiplexer;
        StorageLog.RedisConnected(_logger, Endpoints);
    }

    /// <summary>
    /// Runs one command against the database, waiting at most <paramref name="timeout"/> (default and cap
    /// <see cref="OperationTimeout"/>). A timeout or a lost connection becomes the exception
    /// <paramref name="failure"/> makes of the reason (password masked) and the original error; cancellation
    /// stays cancellation. The command itself may still run on: 1.2.6 takes no token.
    /// </summary>
    public Task<T> CallAsync<T>(
        Func<IDatabase, Task<T>> operation, Func<string, Exception, Exception> failure, CancellationToken ct, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(multiplexer => operation(multiplexer.GetDatabase()), failure, ct, timeout);
    }

    /// <summary>As <see cref="CallAsync{T}"/>, for what is not a database command (pub/sub).</summary>
    public async Task<T> RunAsync<T>(
        Func<ConnectionMultiplexer, Task<T>> operation, Func<string, Exception, Exception> failure, CancellationToken ct, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(failure);
        TimeSpan bound = timeout is { } given && given < OperationTimeout ? given : OperationTimeout;
        Task<T> call;
        try
        {
            call = operation(Multiplexer);
        }
        catch (RedisConnectionException ex)
        {
            throw failure(Mask(ex.Message), ex);
        }

        try
        {
            return await call.WaitAsync(bound, ct);
        }
        catch (Exception ex) when (ex is TimeoutException or RedisConnectionException)
        {
            Observe(call);
            throw failure(Mask(ex.Message), ex);
        }
        catch (OperationCanceledException)
        {
            Observe(call);
            throw;
        }
    }

    /// <summary><paramref name="text"/> with the connection string's password masked.</summary>
    public string Mask(string text) => RedisConnectionString.MaskPassword(text, _configuration.Password);

    public void Dispose() => _multiplexer?.Dispose();

    // A call given up on may fail later; its exception is seen here so it is not reported as unobserved.
    private static void Observe(Task call) => _ = call.ContinueWith(
        t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

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
}
