using CameraCloud.Auth;
using CameraCloud.Silo.Tests.Runtime;
using CameraCloud.Silo.Tests.Sessions;
using CameraCloud.Silo.Tests.Storage;

namespace CameraCloud.Silo.Tests.Auth;

/// <summary>The viewing link registry on the grain runtime with a manual clock: links end when they expire.</summary>
public sealed class ShareTokenRegistryGrainTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_link_is_found_until_it_expires_and_is_dropped_from_the_record_at_the_next_change()
    {
        await using var silo = CameraSilo.Create(_folder.Path);
        var registry = silo.Factory.GetGrain<IShareTokenRegistryGrain>(IShareTokenRegistryGrain.DefaultKey);
        var now = silo.Time.GetUtcNow();
        await Wait.For(registry.AddAsync(Link("0123456789ab", now.AddMinutes(10)), CancellationToken.None));

        Assert.NotNull(await Wait.For(registry.FindAsync("0123456789ab", CancellationToken.None)));
        silo.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await Wait.For(registry.FindAsync("0123456789ab", CancellationToken.None)));
        Assert.Empty(await Wait.For(registry.ListAsync("0800c0a1b3c1", CancellationToken.None)));
        await Wait.For(registry.AddAsync(Link("ba9876543210", silo.Time.GetUtcNow().AddMinutes(10)), CancellationToken.None));
        var stored = await StorageFactory.Create(_folder.Path).ReadAsync("sharetokenregistry", "default", "tokens", CancellationToken.None);
        Assert.DoesNotContain("0123456789ab", System.Text.Encoding.UTF8.GetString(stored!.Data.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_is_revoked_only_through_its_own_camera()
    {
        await using var silo = CameraSilo.Create(_folder.Path);
        var registry = silo.Factory.GetGrain<IShareTokenRegistryGrain>(IShareTokenRegistryGrain.DefaultKey);
        await Wait.For(registry.AddAsync(Link("0123456789ab", silo.Time.GetUtcNow().AddMinutes(10)), CancellationToken.None));

        Assert.False(await Wait.For(registry.RevokeAsync("0800c0ffffff", "0123456789ab", CancellationToken.None)));
        Assert.NotNull(await Wait.For(registry.FindAsync("0123456789ab", CancellationToken.None)));
        Assert.True(await Wait.For(registry.RevokeAsync("0800c0a1b3c1", "0123456789ab", CancellationToken.None)));
        Assert.Null(await Wait.For(registry.FindAsync("0123456789ab", CancellationToken.None)));
    }

    private static ShareTokenRecord Link(string id, DateTimeOffset expiresAt) => new()
    {
        Id = id, CameraId = "0800c0a1b3c1", SecretSha256 = new string('0', 64), CreatedAt = expiresAt.AddMinutes(-10), ExpiresAt = expiresAt,
        CreatedBy = "test",
    };
}
