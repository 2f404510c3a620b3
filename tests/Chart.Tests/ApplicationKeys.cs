using System.Reflection;
using CameraCloud.Agents;
using CameraCloud.Edge.V720;
using CameraCloud.Gateway;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Storage;

namespace CameraCloud.Chart.Tests;

/// <summary>The configuration keys the node reads: the bound options classes' settable properties, plus ASP.NET's own.</summary>
internal static class ApplicationKeys
{
    private static readonly Type[] OptionsTypes =
    [
        typeof(V720Options), typeof(CameraSessionOptions), typeof(GrainRuntimeOptions),
        typeof(StorageOptions), typeof(TunnelOptions), typeof(GatewayOptions),
    ];

    /// <summary>ASP.NET Core's gateway address; <c>ASPNETCORE_URLS</c> is the same key with the host prefix.</summary>
    private static readonly string[] HostKeys = ["Urls", "ASPNETCORE_URLS"];

    public static IReadOnlySet<string> Keys { get; } = Collect();

    /// <summary>
    /// Whether <paramref name="key"/> (either <c>A:B</c> or the environment form <c>A__B</c>) is read by
    /// the node. Logging is open-ended: categories are names, not properties.
    /// </summary>
    public static bool Exists(string key)
    {
        var normalized = key.Replace("__", ":", StringComparison.Ordinal);
        return Keys.Contains(normalized)
            || normalized.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase);
    }

    private static HashSet<string> Collect()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in OptionsTypes)
        {
            var section = (string?)type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()
                ?? throw new InvalidOperationException($"{type.Name} has no SectionName constant");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true })
                {
                    keys.Add($"{section}:{property.Name}");
                }
            }
        }

        keys.UnionWith(HostKeys);
        return keys;
    }
}
