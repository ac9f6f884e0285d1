namespace GradientService.Api.Security;

/// <summary>
/// Endpoint filter: 401 with a problem document when a configured API key is missing or wrong. Writes always need it;
/// reads (GET, HEAD) only when <see cref="Options.SecurityOptions.ProtectReads"/> is on.
/// </summary>
public sealed class ApiKeyFilter(ApiKey key) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        var required = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? key.ProtectsReads : key.Required;
        if (!required || key.Accepts(context.HttpContext)) return await next(context);
        return TypedResults.Problem(
            title: "API key required",
            detail: $"Send the service's API key in the {Options.SecurityOptions.ApiKeyHeader} header.",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}

public static class ApiKeyFilterExtensions
{
    /// <summary>Puts the API-key check on every endpoint of the builder.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ApiKeyFilter>();
}
