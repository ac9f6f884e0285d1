using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Security;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>Compare 2–8 runs: one field on a shared bucket grid, and the spec fields that differ.</summary>
public static class CompareEndpoints
{
    public const int MinRuns = 2, MaxRuns = 8;

    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/compare").WithTags("Compare").RequireApiKey()
            .MapGet("/", Compare).WithName("CompareRuns")
            .WithSummary("Compare runs")
            .WithDescription("ids: 2–8 run ids, comma-separated. field: a step field (loss by default) or a layer field with 'layer'. Every "
                + "run is downsampled on the same min-max grid over [from, to], so the series line up. Step fields: "
                + string.Join(", ", StepMetrics.Table.Names) + ". Layer fields: " + string.Join(", ", LayerMetrics.Table.Names) + ".")
            .WithMetricParameter("field", [.. StepMetrics.Table.Names, .. LayerMetrics.Table.Names])
            .WithExample(null, ("ids", $"{Examples.RunId},{Examples.RunId}"), ("field", "loss"), ("maxPoints", "500"));
        return app;
    }

    private static async Task<Results<Ok<Comparison>, ValidationProblem>> Compare(RunStore runs, SeriesQueries queries, IOptions<QueryOptions> limits,
        CancellationToken cancel, string? ids = null, string? field = null, int layer = 1, int from = 1, int? to = null, int? maxPoints = null)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<Guid>();
        foreach (var part in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Guid.TryParse(part, out var id)) { if (!parsed.Contains(id)) parsed.Add(id); }
            else errors["ids"] = [$"'{part}' is not a run id."];
        }
        if (!errors.ContainsKey("ids") && (parsed.Count < MinRuns || parsed.Count > MaxRuns)) errors["ids"] = [$"Name {MinRuns} to {MaxRuns} different runs."];
        StepMetric? stepField = null;
        LayerMetric? layerField = null;
        field ??= StepMetrics.Table[StepMetric.Loss].Name;
        if (StepMetrics.Table.TryParse(field, out var sf)) stepField = sf;
        else if (LayerMetrics.Table.TryParse(field, out var lf)) layerField = lf;
        else errors["field"] = [$"Unknown field '{field}'. Step fields: {string.Join(", ", StepMetrics.Table.Names)}; layer fields: {string.Join(", ", LayerMetrics.Table.Names)}."];
        var points = maxPoints ?? limits.Value.DefaultPoints;
        if (points < QueryOptions.MinPoints || points > limits.Value.MaxPoints)
            errors["maxPoints"] = [$"Must be between {QueryOptions.MinPoints} and {limits.Value.MaxPoints}."];
        if (from < 1) errors["from"] = ["Must be 1 or more."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var found = await runs.FindManyAsync(parsed, cancel);
        var missing = parsed.Where(id => found.All(r => r.Id != id)).ToList();
        if (missing.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"No run has the id {string.Join(", ", missing)}."] });
        var ordered = parsed.Select(id => found.First(r => r.Id == id)).ToList();
        if (layerField is not null && ordered.Any(r => layer < 1 || layer > r.LayerCount))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["layer"] = ["Must be a layer every compared run has (1 … its layer count)."] });
        var end = to ?? Math.Max(1, ordered.Max(r => Math.Max(r.StepsDone, r.TotalSteps)));
        if (end < from) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Must not be before 'from'."] });
        return TypedResults.Ok(await queries.CompareAsync(ordered, stepField, layerField, layer, from, end, points, cancel));
    }
}
