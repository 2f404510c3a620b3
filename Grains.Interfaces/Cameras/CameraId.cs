using System.Diagnostics.CodeAnalysis;

namespace CameraCloud.Cameras;

/// <summary>
/// The shape a camera id must have before anything activates a grain for it, and its one spelling. Device ids are
/// 12 characters in every sample (spec §8); 1..32 ASCII letters and digits leaves room for firmware we have not
/// seen while keeping garbage and huge keys away from storage and URLs. Ids are hex and compare without case (real
/// firmware reports <c>0800c00128F8</c>): every id is lower-cased where it enters, so grains, storage keys, the
/// directory and the API all see one spelling.
/// </summary>
public static class CameraId
{
    public const int MaxLength = 32;

    public const string Rule = "A camera id is 1 to 32 ASCII letters or digits (A-Z, a-z, 0-9); case does not matter.";

    private static readonly System.Buffers.SearchValues<char> AllowedCharacters =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly System.Buffers.SearchValues<char> UpperCase =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.AsSpan().ContainsAnyExcept(AllowedCharacters) is false;

    /// <summary>The id in its one spelling (lower case) when it is valid.</summary>
    public static bool TryNormalize(string? id, [NotNullWhen(true)] out string? normalized)
    {
        normalized = IsValid(id) ? Normalize(id) : null;
        return normalized is not null;
    }

    /// <summary>The one spelling of a valid id: ASCII lower case; the same instance when it already is.</summary>
    public static string Normalize(string id) => id.AsSpan().ContainsAny(UpperCase) ? id.ToLowerInvariant() : id;

    /// <summary>True when the id is valid and already in its one spelling.</summary>
    public static bool IsNormalized(string? id) => IsValid(id) && !id.AsSpan().ContainsAny(UpperCase);
}
