using System.Text;

namespace CameraCloud.Agent.Configuration;

/// <summary>Replaces the <c>target.*</c> lines of a configuration file's text and keeps every other line as it was.</summary>
public static class ConfigFileRewriter
{
    /// <summary>
    /// The new target lines go where the first old one was, so comments written above the targets stay
    /// above them; a file without targets gets them at its end.
    /// </summary>
    public static string RewriteTargets(string text, IReadOnlyList<AgentTarget> targets)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var endsWithNewline = text.Length == 0 || text.EndsWith('\n');
        if (endsWithNewline)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        var replacement = targets.Select(t => $"{ConfigFileParser.TargetPrefix}{t.Name} = {TargetSyntax.FormatAddress(t.Host, t.Port)}");
        var at = lines.FindIndex(ConfigFileParser.IsTargetLine);
        lines.RemoveAll(ConfigFileParser.IsTargetLine);
        lines.InsertRange(at < 0 ? lines.Count : at, replacement);

        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append(newline);
        }
        return builder.ToString();
    }
}
