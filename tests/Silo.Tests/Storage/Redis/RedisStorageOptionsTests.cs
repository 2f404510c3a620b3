using CameraCloud.Silo.Storage;
using Xunit;

namespace CameraCloud.Silo.Tests.Storage.Redis;

/// <summary>The start-time checks of the Redis settings.</summary>
public sealed class RedisStorageOptionsTests
{
    [Theory]
    [InlineData("Redis", null, "Storage:Redis must be set when Storage:Provider is 'Redis'")]
    [InlineData("redis", "  ", "Storage:Redis must be set when Storage:Provider is 'Redis'")]
    [InlineData("Redis", "password=only", "Storage:Redis is not a usable connection string: it names no host:port")]
    [InlineData("Memcached", null, "Storage:Provider 'Memcached' is not supported; use 'Embedded'")]
    public void A_wrong_setting_is_refused_naming_the_key(string provider, string? redis, string expected)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = provider, Redis = redis });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_that_does_not_parse_is_refused_without_echoing_the_password()
    {
        var result = new StorageOptionsValidator().Validate(
            null, new StorageOptions { Provider = "Redis", Redis = "127.0.0.1:6379,password=s3cret-pw,nosuchoption=1" });

        Assert.True(result.Failed);
        Assert.Contains("Storage:Redis is not a usable connection string", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_redis_setting_with_a_host_is_accepted_and_the_data_path_is_not_needed()
    {
        var result = new StorageOptionsValidator().Validate(
            null, new StorageOptions { Provider = "Redis", Redis = "127.0.0.1:6379,abortConnect=false", DataPath = "" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
