using System.Buffers;

namespace CameraCloud.Codecs.V720.Tests;

/// <summary>A linked segment, to build multi-segment sequences like a pipe hands out.</summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    public TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public TestSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new TestSegment(memory, RunningIndex + Memory.Length);
        Next = next;
        return next;
    }
}
