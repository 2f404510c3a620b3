using System.IO.Pipelines;

namespace CameraCloud.Silo.Tests.Sessions;

/// <summary>One end of an in-memory connection: what a socket's transport would be.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
