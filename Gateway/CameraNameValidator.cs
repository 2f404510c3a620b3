namespace CameraCloud.Gateway;

/// <summary>
/// Rules for a camera's display name. Names end up in web pages, logs and file names of recordings, so
/// anything that breaks a line or a terminal is refused rather than cleaned up silently.
/// </summary>
public static class CameraNameValidator
{
    /// <summary>Maximum length in UTF-16 code units (what a JSON string's length is measured in here).</summary>
    public const int MaxLength = 64;

    /// <returns>null when <paramref name="name"/> is acceptable, else a message saying what is wrong.</returns>
    public static string? Validate(string? name)
    {
        if (name is null)
        {
            return "'name' is required.";
        }
        if (name.Length == 0 || string.IsNullOrWhiteSpace(name))
        {
            return "'name' must not be empty or only white space.";
        }
        if (name.Length > MaxLength)
        {
            return $"'name' must be at most {MaxLength} characters (got {name.Length}).";
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            // U+2028/U+2029 are not category Cc but break lines like one.
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                return $"'name' must not contain control characters (found U+{(int)c:X4} at position {i}).";
            }
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return $"'name' must be valid Unicode (unpaired surrogate at position {i}).";
            }
        }
        return null;
    }
}
