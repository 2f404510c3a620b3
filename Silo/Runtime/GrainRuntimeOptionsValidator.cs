using Microsoft.Extensions.Options;

namespace CameraCloud.Silo.Runtime;

/// <summary>Fails the start on grain runtime settings that cannot work, naming the key and value.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        List<string> failures = [];
        RequirePositive(failures, nameof(options.IdleDeactivationAfter), options.IdleDeactivationAfter);
        RequirePositive(failures, nameof(options.SweepInterval), options.SweepInterval);
        RequirePositive(failures, nameof(options.ActivationTimeout), options.ActivationTimeout);
        RequirePositive(failures, nameof(options.DeactivationTimeout), options.DeactivationTimeout);
        if (options.MaxQueuedCallsPerActivation < 1)
        {
            failures.Add(
                $"{GrainRuntimeOptions.SectionName}:{nameof(options.MaxQueuedCallsPerActivation)} must be at least 1 " +
                $"(it is {options.MaxQueuedCallsPerActivation}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        // A timer period must also fit the timer's range (about 49 days).
        if (value <= TimeSpan.Zero || value.TotalMilliseconds > uint.MaxValue - 1)
        {
            failures.Add(
                $"{GrainRuntimeOptions.SectionName}:{key} must be a positive time span of at most 49 days, " +
                $"e.g. 00:00:30 (it is {value}).");
        }
    }
}
