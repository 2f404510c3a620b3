using System.Globalization;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>A response's status and headers as they came over the wire.</summary>
internal sealed record RawResponseHead(int Status, IReadOnlyDictionary<string, string> Headers)
{
    public int? ContentLength =>
        Headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    public static RawResponseHead Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new RawResponseHead(status, headers);
    }
}
