using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace CameraCloud.Agents;

/// <summary>
/// The shape an agent id must have before anything activates a grain for it: it is a storage key, a URL
/// segment and the user name of the agent's Basic credentials, so it is kept short and plain.
/// </summary>
public static class AgentId
{
    public const int MaxLength = 64;

    public const string Rule = "An agent id is 1 to 64 characters of A-Z, a-z, 0-9, '-' and '_'.";

    private static readonly SearchValues<char> AllowedCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_");

    public static bool IsValid([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAnyExcept(AllowedCharacters);
}
