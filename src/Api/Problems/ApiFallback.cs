namespace GradientService.Api.Problems;

public static class ApiFallback
{
    /// <summary>Unknown paths under /api answer a 404 problem instead of the dashboard's index.html.</summary>
    public static IEndpointRouteBuilder MapApiFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallback("/api/{**path}", (string? path) => TypedResults.Problem(
            title: "Not found", detail: $"No endpoint matches /api/{path}; see /swagger for the API.", statusCode: StatusCodes.Status404NotFound))
            .ExcludeFromDescription();
        return app;
    }
}
