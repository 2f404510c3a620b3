namespace CameraCloud.Agent.Configuration;

/// <summary>
/// The values one source (file, environment or arguments) sets; null means "not set here". Layers merge
/// key by key, later over earlier, and a target is a key of its own (<c>target.rtsp</c>).
/// </summary>
public sealed class ConfigLayer
{
    public string? Server { get; set; }
    public string? Id { get; set; }
    public string? Token { get; set; }
    public string? Model { get; set; }
    public string? LogLevel { get; set; }

    /// <summary>Targets by name, in the order they were given.</summary>
    public List<AgentTarget> Targets { get; } = [];

    /// <summary>Adds or replaces the target of that name, keeping its first position.</summary>
    public void SetTarget(AgentTarget target)
    {
        var index = Targets.FindIndex(t => string.Equals(t.Name, target.Name, StringComparison.Ordinal));
        if (index >= 0)
        {
            Targets[index] = target;
        }
        else
        {
            Targets.Add(target);
        }
    }

    /// <summary>Copies every value <paramref name="over"/> sets onto this layer.</summary>
    public void Apply(ConfigLayer over)
    {
        Server = over.Server ?? Server;
        Id = over.Id ?? Id;
        Token = over.Token ?? Token;
        Model = over.Model ?? Model;
        LogLevel = over.LogLevel ?? LogLevel;
        foreach (var target in over.Targets)
        {
            SetTarget(target);
        }
    }
}
