using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GradientService.Api.Docs;

/// <summary>Writes each endpoint's <see cref="EndpointExample"/> into its operation (body example, parameter examples).</summary>
public sealed class ExampleOperationFilter(IOptions<JsonOptions> json) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointExample>().FirstOrDefault();
        if (example is null) return;
        if (example.Body is not null && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
                media.Example = JsonSerializer.SerializeToNode(example.Body, example.Body.GetType(), json.Value.SerializerOptions);
        }
        if (example.Parameters is null || operation.Parameters is null) return;
        foreach (var parameter in operation.Parameters)
        {
            if (parameter is OpenApiParameter p && p.Name is { } name && example.Parameters.TryGetValue(name, out var value))
                p.Example = JsonValue.Create(value);
        }
    }
}
