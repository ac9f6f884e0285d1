namespace GradientService.Api.Docs;

/// <summary>A working example shown in Swagger UI: the request body and/or query and route values.</summary>
public sealed record EndpointExample(object? Body = null, IReadOnlyDictionary<string, string>? Parameters = null);

public static class EndpointExampleExtensions
{
    /// <summary>Attaches a working example to the endpoint's OpenAPI operation.</summary>
    public static RouteHandlerBuilder WithExample(this RouteHandlerBuilder builder, object? body = null, params (string Name, string Value)[] parameters) =>
        builder.WithMetadata(new EndpointExample(body, parameters.ToDictionary(p => p.Name, p => p.Value)));
}
