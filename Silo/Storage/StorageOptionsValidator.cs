using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Storage;

/// <summary>Fails the start on a storage configuration that cannot work, saying which key is wrong.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        List<string> failures = [];
        if (!string.Equals(options.Provider, StorageOptions.EmbeddedProvider, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(
                $"Storage:Provider '{options.Provider}' is not supported; the only provider so far is " +
                $"'{StorageOptions.EmbeddedProvider}' (a local data folder set by Storage:DataPath).");
        }

        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            failures.Add("Storage:DataPath must name a folder (default 'data').");
        }
        else if (options.DataPath.Contains('\0', StringComparison.Ordinal))
        {
            failures.Add("Storage:DataPath contains a NUL character.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
