using System.Text;
using CameraCloud.Agent.Logging;

namespace CameraCloud.Agent.Configuration;

/// <summary>
/// Builds the agent's configuration from its three sources, file &lt; environment &lt; arguments, and checks
/// it as a whole so the agent fails at start with every problem listed rather than at its first connect.
/// </summary>
public static class AgentConfigLoader
{
    public const string DefaultConfigPath = "/etc/cameracloud-agent.conf";
    public const string EnvironmentPrefix = "CAMERACLOUD_AGENT_";

    /// <summary>What the package's config template holds until an operator fills it in.</summary>
    public const string Placeholder = "CHANGE-ME";

    /// <summary>
    /// Merges the file (<paramref name="configPath"/>, else <paramref name="defaultConfigPath"/> if it exists),
    /// the environment (read through <paramref name="environment"/>) and <paramref name="arguments"/>.
    /// Every problem goes to <paramref name="errors"/>; the result is null when there is any.
    /// </summary>
    public static AgentConfig? Load(
        ConfigLayer arguments, string? configPath, Func<string, string?> environment, string defaultConfigPath, List<string> errors)
    {
        var merged = new ConfigLayer();
        var file = configPath ?? (File.Exists(defaultConfigPath) ? defaultConfigPath : null);
        if (file is not null)
        {
            var text = ReadFile(file, errors);
            if (text is not null)
            {
                merged.Apply(ConfigFileParser.Parse(text, file, errors));
            }
        }
        merged.Apply(ReadEnvironment(environment, errors));
        merged.Apply(arguments);
        var config = Validate(merged, file, errors);
        return errors.Count == 0 ? config : null;
    }

    /// <summary>The environment's layer: <c>CAMERACLOUD_AGENT_SERVER</c>, <c>_ID</c>, <c>_TOKEN</c>, <c>_MODEL</c>, <c>_LOG_LEVEL</c>, <c>_TARGETS</c> (<c>rtsp=127.0.0.1:554,http=127.0.0.1:80</c>).</summary>
    public static ConfigLayer ReadEnvironment(Func<string, string?> environment, List<string> errors)
    {
        string? Get(string name)
        {
            var value = environment(EnvironmentPrefix + name);
            if (value is { Length: > AgentLimits.MaxLineLength })
            {
                errors.Add($"{EnvironmentPrefix}{name}: longer than {AgentLimits.MaxLineLength} characters");
                return null;
            }
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var layer = new ConfigLayer
        {
            Server = Get("SERVER"),
            Id = Get("ID"),
            Token = Get("TOKEN"),
            Model = Get("MODEL"),
            LogLevel = Get("LOG_LEVEL"),
        };
        var targets = Get("TARGETS");
        if (targets is not null)
        {
            foreach (var item in targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var target = TargetSyntax.TryParseAssignment(item, out var error);
                if (target is null)
                {
                    errors.Add($"{EnvironmentPrefix}TARGETS: {error}");
                }
                else
                {
                    layer.SetTarget(target);
                }
            }
        }
        return layer;
    }

    private static string? ReadFile(string path, List<string> errors)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                errors.Add($"config file {path} does not exist");
                return null;
            }
            if (info.Length > AgentLimits.MaxConfigFileBytes)
            {
                errors.Add($"config file {path} is {info.Length} bytes; at most {AgentLimits.MaxConfigFileBytes} are read");
                return null;
            }
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"config file {path} cannot be read: {e.Message}");
            return null;
        }
    }

    private static AgentConfig? Validate(ConfigLayer layer, string? file, List<string> errors)
    {
        var where = file is null ? "" : $" (in {file}, {EnvironmentPrefix}* or arguments)";
        Uri? server = null;
        if (layer.Server is null)
        {
            errors.Add($"server is not set: --server wss://host:port{where}");
        }
        else if (IsPlaceholder(layer.Server))
        {
            errors.Add($"server still holds the placeholder {Placeholder}{where}");
        }
        else
        {
            server = ServerUrl.TryNormalize(layer.Server, out var error);
            if (server is null)
            {
                errors.Add(error!);
            }
        }

        CheckId(layer.Id, where, errors);
        CheckToken(layer.Token, where, errors);

        if (layer.Model is { } model && (model.Length > AgentLimits.MaxModelLength || !model.All(IsPrintable)))
        {
            errors.Add($"model must be at most {AgentLimits.MaxModelLength} printable characters");
        }

        var level = AgentLogLevel.Info;
        if (layer.LogLevel is not null)
        {
            var parsed = AgentLog.ParseLevel(layer.LogLevel);
            if (parsed is null)
            {
                errors.Add($"log-level '{TargetSyntax.Shorten(layer.LogLevel)}' is not one of debug, info, warn, error");
            }
            level = parsed ?? level;
        }

        var targetsError = TargetSyntax.CheckList(layer.Targets);
        if (targetsError is not null)
        {
            errors.Add(targetsError);
        }

        return errors.Count > 0 || server is null
            ? null
            : new AgentConfig(server, layer.Id!, layer.Token!, layer.Model, level, layer.Targets.ToArray(), file);
    }

    private static void CheckId(string? id, string where, List<string> errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add($"id is not set: --id <agent id>{where}");
        }
        else if (IsPlaceholder(id))
        {
            errors.Add($"id still holds the placeholder {Placeholder}{where}");
        }
        else if (id.Length > AgentLimits.MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            // Basic authentication splits id and token at the first ':', so the id's alphabet excludes it.
            errors.Add($"id '{TargetSyntax.Shorten(id)}' must be 1-{AgentLimits.MaxIdLength} characters of A-Z, a-z, 0-9, '-', '_', '.'");
        }
    }

    private static void CheckToken(string? token, string where, List<string> errors)
    {
        if (string.IsNullOrEmpty(token))
        {
            errors.Add($"token is not set: --token <token>{where}");
        }
        else if (IsPlaceholder(token))
        {
            errors.Add($"token still holds the placeholder {Placeholder}{where}");
        }
        else if (token.Length > AgentLimits.MaxTokenLength || !token.All(c => IsPrintable(c) && c != ' '))
        {
            // The message never quotes the token: a wrong token is still a secret.
            errors.Add($"token must be 1-{AgentLimits.MaxTokenLength} printable ASCII characters without spaces ({TokenMask.Mask(token)})");
        }
    }

    private static bool IsPlaceholder(string value) => value.Contains(Placeholder, StringComparison.OrdinalIgnoreCase);

    private static bool IsPrintable(char c) => c is >= ' ' and <= '~';
}
