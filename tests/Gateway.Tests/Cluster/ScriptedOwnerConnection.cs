using System.Net.Sockets;
using System.Text;

namespace CameraCloud.Gateway.Tests.Cluster;

/// <summary>One connection a <see cref="ScriptedOwner"/> accepted, and the request head that came on it.</summary>
internal sealed class ScriptedOwnerConnection(NetworkStream stream, string requestHead) : IAsyncDisposable
{
    public string RequestHead { get; } = requestHead;

    public NetworkStream Stream { get; } = stream;

    /// <summary>Writes the whole answer in one write, so whatever follows the head arrives with it.</summary>
    public async Task AnswerAsync(string text, CancellationToken cancellationToken) =>
        await Stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
