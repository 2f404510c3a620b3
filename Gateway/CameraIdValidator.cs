using System.Diagnostics.CodeAnalysis;

namespace CameraCloud.Gateway;

/// <summary>
/// The shape a camera id must have before the gateway activates a grain for it: device ids are 12 characters,
/// the limit leaves room for other id schemes without letting garbage or huge keys reach the actor runtime.
/// </summary>
public static class CameraIdValidator
{
    public const int MaxLength = 32;

    public const string Rule = "A camera id is 1 to 32 ASCII letters or digits (A-Z, a-z, 0-9).";

    public static bool IsValid([NotNullWhen(true)] string? id)
    {
        if (id is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }
}
