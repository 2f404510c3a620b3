namespace CameraCloud.Codecs.V720;

/// <summary>One video fragment of the frame in progress: its pkg id relative to the 250's, and where its bytes are.</summary>
internal readonly record struct JpegFragment(int Rel, int Offset, int Length);
