using Microsoft.AspNetCore.Http.Metadata;

namespace CameraCloud.Gateway;

/// <summary>
/// Describes a JSON request body to OpenAPI without listing content types for routing. With content types
/// listed (what <c>.Accepts&lt;T&gt;()</c> adds), routing itself answers a wrong Content-Type with a bare 415
/// before the endpoint runs; <see cref="JsonBodyReader"/> answers it with a problem instead.
/// </summary>
internal sealed class JsonBodyMetadata(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType { get; } = requestType;

    public bool IsOptional => false;
}
