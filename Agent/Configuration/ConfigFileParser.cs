namespace CameraCloud.Agent.Configuration;

/// <summary>
/// Reads the configuration file: <c>key = value</c> lines, <c>#</c> comment lines, blank lines. Keys are
/// <c>server</c>, <c>id</c>, <c>token</c>, <c>model</c>, <c>log-level</c> and <c>target.&lt;name&gt;</c>. Anything
/// else is an error with its line number: a typo must fail at start, not leave a setting silently unset.
/// </summary>
public static class ConfigFileParser
{
    public const string TargetPrefix = "target.";

    /// <summary>Parses the file text; every problem is added to <paramref name="errors"/> prefixed with <paramref name="source"/>.</summary>
    public static ConfigLayer Parse(string text, string source, List<string> errors)
    {
        var layer = new ConfigLayer();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Length > AgentLimits.MaxLineLength)
            {
                errors.Add($"{source} line {number}: longer than {AgentLimits.MaxLineLength} characters");
                continue;
            }
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"{source} line {number}: expected 'key = value', got '{TargetSyntax.Shorten(trimmed)}'");
                continue;
            }
            var key = trimmed[..equals].Trim();
            var value = trimmed[(equals + 1)..].Trim();
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add($"{source} line {number}: '{key}' is already set on line {first}");
                continue;
            }
            seen[key] = number;
            var error = Set(layer, key, value);
            if (error is not null)
            {
                errors.Add($"{source} line {number}: {error}");
            }
        }
        return layer;
    }

    /// <summary>True for a line that sets a target, which update-config replaces.</summary>
    public static bool IsTargetLine(string line)
    {
        var trimmed = line.Trim();
        return trimmed.StartsWith(TargetPrefix, StringComparison.Ordinal) && trimmed.Contains('=', StringComparison.Ordinal);
    }

    private static string? Set(ConfigLayer layer, string key, string value)
    {
        switch (key)
        {
            case "server":
                layer.Server = value;
                return null;
            case "id":
                layer.Id = value;
                return null;
            case "token":
                layer.Token = value;
                return null;
            case "model":
                layer.Model = value;
                return null;
            case "log-level":
                layer.LogLevel = value;
                return null;
        }
        if (key.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            var target = TargetSyntax.TryParse(key[TargetPrefix.Length..], value, out var error);
            if (target is not null)
            {
                layer.SetTarget(target);
            }
            return error;
        }
        return $"unknown key '{TargetSyntax.Shorten(key)}' (known: server, id, token, model, log-level, target.<name>)";
    }
}
