using System.Globalization;

namespace CameraCloud.Agents;

/// <summary>An inclusive range of TCP ports, written <c>first-last</c> (e.g. <c>20000-20999</c>).</summary>
public readonly record struct TunnelPortRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public bool Contains(int port) => port >= First && port <= Last;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");

    /// <returns>false for anything but two port numbers (1..65535), the first not above the last.</returns>
    public static bool TryParse(string? text, out TunnelPortRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0
            || !int.TryParse(text.AsSpan(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(text.AsSpan(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || first is < 1 or > 65535 || last is < 1 or > 65535 || first > last)
        {
            return false;
        }
        range = new TunnelPortRange(first, last);
        return true;
    }

    public static TunnelPortRange Parse(string? text) =>
        TryParse(text, out var range)
            ? range
            : throw new FormatException($"'{text}' is not a port range such as 20000-20999.");
}
