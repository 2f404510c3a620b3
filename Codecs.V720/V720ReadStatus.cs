namespace CameraCloud.Codecs.V720;

public enum V720ReadStatus
{
    /// <summary>The buffer holds less than one whole message; read more and try again.</summary>
    NeedMoreData,

    /// <summary>One message was read and consumed from the buffer.</summary>
    Message,

    /// <summary>The header declares a payload over the limit: the stream cannot be trusted any more.</summary>
    Invalid,
}
