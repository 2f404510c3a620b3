using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Auth;

/// <summary>Refuses a bootstrap key that is short or would not survive a header, so the node does not start with it.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ConfiguredBootstrapKey is { } key &&
            (key.Length is < AuthOptions.MinBootstrapKeyLength or > AuthOptions.MaxBootstrapKeyLength || key.Any(c => c is <= ' ' or > '~')))
        {
            // The key itself is never put into the message.
            failures.Add($"{AuthOptions.SectionName}:{nameof(AuthOptions.BootstrapAdminKey)} must be {AuthOptions.MinBootstrapKeyLength} to " +
                $"{AuthOptions.MaxBootstrapKeyLength} printable ASCII characters without spaces (it has {key.Length} characters).");
        }
        if (options.FailedLoginsPerMinute is < 1 or > 100_000)
        {
            failures.Add($"{AuthOptions.SectionName}:{nameof(AuthOptions.FailedLoginsPerMinute)} must be 1 to 100000 (is {options.FailedLoginsPerMinute}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
