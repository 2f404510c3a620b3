using System.Diagnostics.CodeAnalysis;

namespace CameraCloud.Cameras;

/// <summary>
/// The shape a camera id must have before anything activates a grain for it. Device ids are 12
/// characters in every sample (spec §8); 1..32 ASCII letters and digits leaves room for firmware we have
/// not seen while keeping garbage and huge keys away from storage and URLs.
/// </summary>
public static class CameraId
{
    public const int MaxLength = 32;

    public const string Rule = "A camera id is 1 to 32 ASCII letters or digits (A-Z, a-z, 0-9).";

    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.AsSpan().ContainsAnyExcept(AllowedCharacters) is false;

    private static readonly System.Buffers.SearchValues<char> AllowedCharacters =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}
