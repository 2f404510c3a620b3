using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway;

/// <summary>Refuses settings that would hang requests or accept unbounded bodies, so a bad value fails at start.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public static readonly TimeSpan MaxSnapshotTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan MaxSnapshotMaxAge = TimeSpan.FromMinutes(10);
    public const int MinRequestBodyBytes = 1024;
    public const int MaxRequestBodyBytes = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SnapshotTimeout <= TimeSpan.Zero || options.SnapshotTimeout > MaxSnapshotTimeout)
        {
            failures.Add($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.SnapshotTimeout)} must be more than 0 and at most {MaxSnapshotTimeout} (is {options.SnapshotTimeout}).");
        }
        if (options.SnapshotMaxAge < TimeSpan.Zero || options.SnapshotMaxAge > MaxSnapshotMaxAge)
        {
            failures.Add($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.SnapshotMaxAge)} must be between 0 and {MaxSnapshotMaxAge} (is {options.SnapshotMaxAge}).");
        }
        if (options.MaxRequestBodyBytes is < MinRequestBodyBytes or > MaxRequestBodyBytes)
        {
            failures.Add($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.MaxRequestBodyBytes)} must be between {MinRequestBodyBytes} and {MaxRequestBodyBytes} (is {options.MaxRequestBodyBytes}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
