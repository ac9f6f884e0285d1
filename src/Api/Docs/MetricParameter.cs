using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace GradientService.Api.Docs;

/// <summary>
/// A query parameter that names metrics (from the metric tables): a single name gets its allowed values as the
/// schema's enum, a comma-separated list names them in its description.
/// </summary>
public sealed record MetricParameter(string Name, IReadOnlyList<string> Allowed, bool List);

public static class MetricParameterExtensions
{
    public static RouteHandlerBuilder WithMetricParameter(this RouteHandlerBuilder builder, string name, IEnumerable<string> allowed, bool list = false) =>
        builder.WithMetadata(new MetricParameter(name, [.. allowed], list));
}

/// <summary>Writes each endpoint's <see cref="MetricParameter"/>s into its operation.</summary>
public sealed class MetricParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Parameters is null) return;
        foreach (var metric in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MetricParameter>())
        {
            if (operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == metric.Name) is not { } parameter) continue;
            if (metric.List) parameter.Description = "Comma-separated, any of: " + string.Join(", ", metric.Allowed) + ".";
            else if (parameter.Schema is OpenApiSchema schema) schema.Enum = [.. metric.Allowed.Select(a => (JsonNode)JsonValue.Create(a))];
        }
    }
}
