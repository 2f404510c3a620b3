namespace CameraCloud.Codecs.V720;

/// <summary>What <see cref="JpegReassembler.Accept"/> did with one packet.</summary>
public enum ReassemblyStatus
{
    /// <summary>The packet was added to the frame in progress; no frame is complete yet.</summary>
    Pending,

    /// <summary>A frame was completed and handed out.</summary>
    Completed,

    /// <summary>
    /// A frame was given up because fragments are missing: an unfinished frame replaced by a new
    /// 250, a 251/252 with no frame in progress, or pkg ids with gaps.
    /// </summary>
    DroppedIncomplete,

    /// <summary>A frame was given up because its bytes are wrong: trailer mismatch, no FFD8…FFD9, too big.</summary>
    DroppedCorrupt,

    /// <summary>The packet changed nothing: another cmd, an unknown flag, a retransmission or a straggler.</summary>
    Ignored,
}
