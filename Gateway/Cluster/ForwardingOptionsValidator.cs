using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Cluster;

/// <summary>Refuses a zero, negative or unbounded wait, so a bad value fails at start rather than on the first forwarded request.</summary>
public sealed class ForwardingOptionsValidator : IValidateOptions<ForwardingOptions>
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.ConnectTimeout, nameof(ForwardingOptions.ConnectTimeout), failures);
        Check(options.ResponseHeadersTimeout, nameof(ForwardingOptions.ResponseHeadersTimeout), failures);
        Check(options.StreamOpenTimeout, nameof(ForwardingOptions.StreamOpenTimeout), failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            failures.Add($"{ForwardingOptions.SectionName}:{name} must be more than 0 and at most {MaxTimeout} (is {value}).");
        }
    }
}
