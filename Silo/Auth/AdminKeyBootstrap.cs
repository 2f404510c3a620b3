using CameraCloud.Actors;
using CameraCloud.Auth;
using CameraCloud.Gateway.Auth;
using CameraCloud.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Auth;

/// <summary>
/// Makes sure someone can call the API after the first start. With <c>Auth:BootstrapAdminKey</c> configured that
/// key is the way in. Otherwise, when the store holds no admin key, the node makes one, stores its hash and writes
/// the key to <c>&lt;data folder&gt;/admin-key</c>, readable by the owner only; the log names the file, never the key.
/// </summary>
internal sealed class AdminKeyBootstrap(
    IGrainFactory grains,
    IOptions<AuthOptions> auth,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string FileName = "admin-key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Value.ConfiguredBootstrapKey is not null)
        {
            SiloLog.AdminKeyFromConfiguration(logger);
            return;
        }
        var registry = grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.DefaultKey);
        var path = Path.Combine(Path.GetFullPath(storage.Value.DataPath), FileName);
        if ((await registry.ListAsync(cancellationToken)).Any(k => k.Role == ApiRole.Admin))
        {
            SiloLog.AdminKeyExists(logger, File.Exists(path) ? path : "(no key file: keys were made elsewhere)");
            return;
        }

        var (id, key, secretSha256) = ApiKeyText.Generate();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written before it is stored: a key that works must be a key someone can read.
        await WriteOwnerOnlyAsync(path, key + "\n", cancellationToken);
        await registry.AddAsync(new ApiKeyRecord
        {
            Id = id, Name = "first admin key", Role = ApiRole.Admin, SecretSha256 = secretSha256,
            CreatedAt = time.GetUtcNow(), CreatedBy = "generated",
        }, cancellationToken);
        SiloLog.AdminKeyGenerated(logger, id, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created with these permissions, so the key is never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        File.Delete(temp);
        await using (var file = new FileStream(temp, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        File.Move(temp, path, overwrite: true);
    }
}
