namespace CameraCloud.Silo.Storage;

/// <summary>Configuration section <c>Storage</c>: which grain state store to use and where.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string EmbeddedProvider = "Embedded";

    /// <summary>The store; only <c>Embedded</c> (a local data folder) exists so far.</summary>
    public string Provider { get; set; } = EmbeddedProvider;

    /// <summary>The embedded store's folder, relative to the current directory unless absolute.</summary>
    public string DataPath { get; set; } = "data";
}
