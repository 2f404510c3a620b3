using System.Text.Json.Nodes;

namespace CameraCloud.Chart.Tests;

/// <summary>The objects one render produced, with lookups the tests share.</summary>
internal sealed class RenderedChart(JsonObject rendered)
{
    public IReadOnlyList<JsonObject> Objects { get; } =
        rendered["objects"]!.AsArray().Select(o => o!["object"]!.AsObject()).ToList();

    public string Notes { get; } = (string?)rendered["notes"] ?? "";

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]!["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"no {kind} {name}; rendered: {string.Join(", ", Objects.Select(o => $"{o["kind"]} {o["metadata"]!["name"]}"))}");

    public bool Has(string kind, string name) => OfKind(kind).Any(o => (string?)o["metadata"]!["name"] == name);

    /// <summary>The node's pod spec (the Deployment named after the release).</summary>
    public JsonObject Pod => Get("Deployment", "camera-cloud")["spec"]!["template"]!["spec"]!.AsObject();

    /// <summary>The node's container.</summary>
    public JsonObject Node => Pod["containers"]![0]!.AsObject();

    /// <summary>The node container's port named <paramref name="name"/>, or null.</summary>
    public JsonObject? Port(string name) =>
        Node["ports"]!.AsArray().Select(p => p!.AsObject()).SingleOrDefault(p => (string?)p["name"] == name);

    public IReadOnlyDictionary<string, JsonObject> Environment =>
        Node["env"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!);

    public string? EnvironmentValue(string name) => Environment.TryGetValue(name, out var entry) ? (string?)entry["value"] : null;
}
