using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CameraCloud.Gateway;

/// <summary>Writes the JSON request body that <see cref="JsonBodyMetadata"/> declares into the OpenAPI operation.</summary>
internal sealed class JsonBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var body = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().LastOrDefault();
        if (body?.RequestType is not { } requestType)
        {
            return;
        }
        var schema = context.SchemaGenerator.GenerateSchema(requestType, context.SchemaRepository);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = schema },
            },
        };
    }
}
