using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using CameraCloud.Agents;
using CameraCloud.Edge.V720;
using CameraCloud.Gateway;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Storage;

namespace CameraCloud.Chart.Tests;

/// <summary>The configuration keys the node reads: the bound options classes' settable properties, plus ASP.NET's own.</summary>
internal static partial class ApplicationKeys
{
    private static readonly (Type Type, string? Section)[] OptionsTypes =
    [
        (typeof(V720Options), null), (typeof(CameraSessionOptions), null), (typeof(GrainRuntimeOptions), null),
        (typeof(StorageOptions), null), (typeof(TunnelOptions), null), (typeof(GatewayOptions), null),
    ];

    /// <summary>
    /// Options classes found by their simple name in the node's assemblies, with the section they bind. The
    /// cluster runtime (Silo/Cluster/ClusterOptions.cs) was written beside the chart on another branch, so a
    /// typeof would not have compiled here; a name that finds no type leaves its keys unknown, and
    /// <see cref="MissingOptionsTypes"/> says so.
    /// </summary>
    private static readonly (string Name, string Section)[] OptionsTypesByName = [("ClusterOptions", "Cluster")];

    /// <summary>ASP.NET Core's gateway address; <c>ASPNETCORE_URLS</c> is the same key with the host prefix.</summary>
    private static readonly string[] HostKeys = ["Urls", "ASPNETCORE_URLS"];

    public static IReadOnlySet<string> Keys { get; } = Collect(collectionsOnly: false);

    /// <summary>The keys of list-valued settings, whose elements are set as <c>Key:0</c>, <c>Key:1</c>….</summary>
    public static IReadOnlySet<string> ListKeys { get; } = Collect(collectionsOnly: true);

    /// <summary>Names of <see cref="OptionsTypesByName"/> that no assembly of the node defines.</summary>
    public static IReadOnlyList<string> MissingOptionsTypes { get; } =
        OptionsTypesByName.Where(n => FindByName(n.Name) is null).Select(n => n.Name).ToList();

    /// <summary>
    /// Whether <paramref name="key"/> (either <c>A:B</c> or the environment form <c>A__B</c>) is read by
    /// the node. An element of a list setting (<c>Cluster:Roles:0</c>) is read when the list is. Logging is open-ended:
    /// categories are names, not properties.
    /// </summary>
    public static bool Exists(string key)
    {
        var normalized = key.Replace("__", ":", StringComparison.Ordinal);
        var element = ListElement().Match(normalized);
        return Keys.Contains(normalized)
            || (element.Success && ListKeys.Contains(element.Groups["list"].Value))
            || normalized.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase);
    }

    private static HashSet<string> Collect(bool collectionsOnly)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var types = OptionsTypes
            .Concat(OptionsTypesByName.Select(n => (Type: FindByName(n.Name)!, Section: (string?)n.Section)).Where(t => t.Type is not null));
        foreach (var (type, section) in types)
        {
            var name = section
                ?? (string?)type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()
                ?? throw new InvalidOperationException($"{type.Name} has no SectionName constant");
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (collectionsOnly ? IsCollection(property) : IsBindable(property))
                {
                    keys.Add($"{name}:{property.Name}");
                }
            }
        }

        if (!collectionsOnly)
        {
            keys.UnionWith(HostKeys);
        }

        return keys;
    }

    /// <summary>The binder sets a property with a public setter, and fills a collection it can read.</summary>
    private static bool IsBindable(PropertyInfo property) =>
        property.SetMethod is { IsPublic: true } || IsCollection(property);

    private static bool IsCollection(PropertyInfo property) =>
        property.GetMethod is { IsPublic: true } && property.PropertyType != typeof(string)
        && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);

    private static Type? FindByName(string name) =>
        NodeAssemblies().SelectMany(a => a.GetTypes()).FirstOrDefault(t => t.Name == name && t.IsClass);

    private static IEnumerable<Assembly> NodeAssemblies()
    {
        var silo = typeof(SiloApplication).Assembly;
        yield return silo;
        foreach (var reference in silo.GetReferencedAssemblies().Where(r => r.Name?.StartsWith("CameraCloud.", StringComparison.Ordinal) == true))
        {
            yield return Assembly.Load(reference);
        }
    }

    [GeneratedRegex(@"^(?<list>.+):\d+$")]
    private static partial Regex ListElement();
}
