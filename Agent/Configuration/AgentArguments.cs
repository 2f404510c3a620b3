using CameraCloud.Agent.Packaging;

namespace CameraCloud.Agent.Configuration;

/// <summary>
/// The parsed command line: <c>[run] --server … --id … --token … --target name=host:port … [--config path]</c>,
/// <c>package --profile p [--rid r] [--output dir] [--source dir]</c>, <c>--help</c>, <c>--version</c>.
/// Options take their value as the next argument or after '='.
/// </summary>
public sealed class AgentArguments
{
    private AgentArguments(AgentCommand command) => Command = command;

    public AgentCommand Command { get; private set; }

    /// <summary>The arguments' configuration layer (run).</summary>
    public ConfigLayer Layer { get; } = new();

    /// <summary>--config, when given.</summary>
    public string? ConfigPath { get; private set; }

    /// <summary>The package request (package), null when its arguments are incomplete.</summary>
    public PackageRequest? Package { get; private set; }

    public List<string> Errors { get; } = [];

    public static AgentArguments Parse(IReadOnlyList<string> args)
    {
        var start = 0;
        var command = AgentCommand.Run;
        if (args.Count > 0 && args[0] is "run" or "package")
        {
            command = args[0] == "package" ? AgentCommand.Package : AgentCommand.Run;
            start = 1;
        }
        var parsed = new AgentArguments(command);
        string? profile = null, rid = null, output = null, source = null;
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "help")
            {
                parsed.Command = AgentCommand.Help;
                return parsed;
            }
            if (arg == "--version")
            {
                parsed.Command = AgentCommand.Version;
                return parsed;
            }
            var name = arg;
            string? value = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            if (!parsed.Knows(name))
            {
                parsed.Errors.Add($"unknown argument '{TargetSyntax.Shorten(arg)}' (see --help)");
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    parsed.Errors.Add($"{name} needs a value");
                    continue;
                }
                value = args[++i];
            }
            if (value.Length > AgentLimits.MaxLineLength)
            {
                parsed.Errors.Add($"{name}: longer than {AgentLimits.MaxLineLength} characters");
                continue;
            }
            switch (name)
            {
                case "--server": parsed.Layer.Server = value; break;
                case "--id": parsed.Layer.Id = value; break;
                case "--token": parsed.Layer.Token = value; break;
                case "--model": parsed.Layer.Model = value; break;
                case "--log-level": parsed.Layer.LogLevel = value; break;
                case "--config": parsed.ConfigPath = value; break;
                case "--target": parsed.AddTarget(value); break;
                case "--profile": profile = value; break;
                case "--rid": rid = value; break;
                case "--output": output = value; break;
                case "--source": source = value; break;
            }
        }
        if (command == AgentCommand.Package)
        {
            if (profile is null)
            {
                parsed.Errors.Add("package needs --profile <name>");
            }
            else
            {
                parsed.Package = new PackageRequest(profile, rid ?? PackageRequest.DefaultRuntimeIdentifier, output ?? ".", source);
            }
        }
        return parsed;
    }

    private bool Knows(string name) => Command == AgentCommand.Package
        ? name is "--profile" or "--rid" or "--output" or "--source"
        : name is "--server" or "--id" or "--token" or "--model" or "--log-level" or "--config" or "--target";

    private void AddTarget(string value)
    {
        var target = TargetSyntax.TryParseAssignment(value, out var error);
        if (target is null)
        {
            Errors.Add($"--target: {error}");
        }
        else if (Layer.Targets.Any(t => t.Name == target.Name))
        {
            Errors.Add($"--target: '{target.Name}' is given twice");
        }
        else
        {
            Layer.SetTarget(target);
        }
    }
}
