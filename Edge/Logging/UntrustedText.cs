using System.Globalization;
using System.Text;

namespace CameraCloud.Edge.Logging;

/// <summary>
/// A string a device sent, made safe for one log line: control characters (newlines included, which would forge
/// log lines) become <c>\uXXXX</c>, and anything past <see cref="MaxChars"/> is cut, saying how long it was, so a
/// 60 KB uid costs one short line.
/// </summary>
public static class UntrustedText
{
    public const int MaxChars = 64;

    public static string ForLog(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }
        var shown = value.Length > MaxChars ? value.AsSpan(0, MaxChars) : value.AsSpan();
        var text = new StringBuilder(shown.Length + 16);
        foreach (var c in shown)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }
        if (value.Length > MaxChars)
        {
            text.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }
        return text.ToString();
    }
}
