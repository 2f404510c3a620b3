namespace CameraCloud.Agent.Packaging;

/// <summary>
/// Reads <c>dotnet publish</c> output line by line: keeps a bounded tail for the error message and spots
/// NuGet's "package not found" (NU1101/NU1102) for the RID's runtime or host pack.
/// </summary>
public sealed class PublishOutputScanner(string runtimeIdentifier, int keptLines)
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();

    /// <summary>The first missing pack named, e.g. Microsoft.NETCore.App.Runtime.linux-arm64.</summary>
    public string? MissingPack { get; private set; }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            _tail.Enqueue(line.Length > 500 ? line[..500] : line);
            while (_tail.Count > keptLines)
            {
                _tail.Dequeue();
            }
            if (MissingPack is null && (line.Contains("NU1101", StringComparison.Ordinal) || line.Contains("NU1102", StringComparison.Ordinal)))
            {
                foreach (var kind in (string[])["Runtime", "Host"])
                {
                    var pack = $"Microsoft.NETCore.App.{kind}.{runtimeIdentifier}";
                    if (line.Contains(pack, StringComparison.OrdinalIgnoreCase))
                    {
                        MissingPack = pack;
                        break;
                    }
                }
            }
        }
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join('\n', _tail);
        }
    }
}
