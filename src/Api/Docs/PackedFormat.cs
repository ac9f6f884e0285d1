using GradientService.Contracts.Wire;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GradientService.Api.Docs;

/// <summary>The record a route answers in MessagePack (format=msgpack, <see cref="PackedWire"/>), where its JSON answer is another.</summary>
public sealed record PackedFormat(Type Record);

/// <summary>Gives each endpoint's MessagePack answer (<see cref="PackedFormat"/>) its own schema beside the JSON one.</summary>
public sealed class PackedFormatFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<PackedFormat>().FirstOrDefault() is not { } packed) return;
        if (operation.Responses?.GetValueOrDefault("200") is not OpenApiResponse { Content: { } content }) return;
        content[PackedWire.MediaType] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(packed.Record, context.SchemaRepository) };
    }
}
