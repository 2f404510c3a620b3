using System.Text;

namespace CameraCloud.Agent.Configuration;

/// <summary>Writes new targets into the configuration file, keeping its other lines and its permissions.</summary>
public static class ConfigFileStore
{
    /// <summary>
    /// Rewrites the <c>target.*</c> lines of <paramref name="path"/>. The new text goes to a temporary file
    /// beside it that is then renamed over it, so a power cut leaves the old file or the new one, never half.
    /// Returns null on success, else why it could not (read-only /etc is common on cameras).
    /// </summary>
    public static async Task<string?> RewriteTargetsAsync(string path, IReadOnlyList<AgentTarget> targets, CancellationToken ct)
    {
        try
        {
            // Write through a symlink to the real file rather than replace the link with a plain file.
            var file = new FileInfo(path);
            if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo real)
            {
                file = real;
            }
            if (!file.Exists)
            {
                return $"{file.FullName} no longer exists";
            }
            if (file.Length > AgentLimits.MaxConfigFileBytes)
            {
                return $"{file.FullName} is larger than {AgentLimits.MaxConfigFileBytes} bytes";
            }
            var text = await File.ReadAllTextAsync(file.FullName, Encoding.UTF8, ct);
            var updated = ConfigFileRewriter.RewriteTargets(text, targets);
            var temporary = file.FullName + ".new";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // The file holds the token: the copy gets the original's mode (0600) from its creation on.
                options.UnixCreateMode = File.GetUnixFileMode(file.FullName);
            }
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(updated), ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, file.FullName, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
