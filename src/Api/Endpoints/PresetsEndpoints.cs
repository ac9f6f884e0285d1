using GradientService.Api.Docs;
using GradientService.Api.Security;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Presets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GradientService.Api.Endpoints;

/// <summary>The named classic experiments; submit one with POST /api/runs/from-preset/{name}.</summary>
public static class PresetsEndpoints
{
    public static IEndpointRouteBuilder MapPresetsEndpoints(this IEndpointRouteBuilder app)
    {
        var presets = app.MapGroup("/api/presets").WithTags("Presets").RequireApiKey();
        presets.MapGet("/", List).WithName("ListPresets")
            .WithSummary("List presets")
            .WithDescription("Each preset reproduces a classic experiment and says what it demonstrates; presets of one group are meant to be compared.")
            .WithExample();
        presets.MapGet("/{name}", Get).WithName("GetPreset")
            .WithSummary("Get a preset")
            .WithDescription("The preset's full spec, ready to submit as it is or with overrides.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, ("name", "deep-sigmoid"));
        return app;
    }

    private static Ok<IReadOnlyList<PresetInfo>> List() => TypedResults.Ok(PresetCatalog.All);

    private static Results<Ok<PresetInfo>, ProblemHttpResult> Get(string name) =>
        PresetCatalog.Find(name) is { } preset
            ? TypedResults.Ok(preset)
            : TypedResults.Problem(title: "Unknown preset", detail: $"No preset is named '{name}'; GET /api/presets lists them.", statusCode: StatusCodes.Status404NotFound);
}
