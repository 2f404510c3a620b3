using System.Formats.Tar;

namespace CameraCloud.Agent.Tests;

/// <summary>One entry of a package as read back from its tar.gz.</summary>
internal sealed record PackageEntry(string Name, TarEntryType Type, UnixFileMode Mode, int Uid, string UserName, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}
