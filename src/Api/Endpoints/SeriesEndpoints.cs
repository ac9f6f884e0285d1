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

/// <summary>Recorded series of a run: scalar steps, one layer over steps, the depth profile, the heatmap, time-lag profiles, a hierarchical softmax's depths.</summary>
public static class SeriesEndpoints
{
    public static IEndpointRouteBuilder MapSeriesEndpoints(this IEndpointRouteBuilder app)
    {
        var series = app.MapGroup("/api/runs/{id:guid}").WithTags("Series").RequireApiKey()
            .ProducesProblem(StatusCodes.Status404NotFound);

        series.MapGet("/steps", Steps).WithName("GetStepSeries")
            .WithSummary("Scalar series over steps")
            .WithDescription("The chosen fields (all by default) over [from, to], downsampled to about maxPoints by min-max buckets (default) or LTTB; spikes keep their exact value and "
                + "step, and points of a bucket that held NaN or ±∞ carry nonFinite = true; steps that did not measure a field have no point. "
                + "format=msgpack answers the same in MessagePack with each series in columns (PackedSeries: steps and values as little-endian "
                + "int32 and float64 bin fields; the dashboard's form). Fields: " + FieldNames.Describe(StepMetrics.Table))
            .WithMetricParameter("fields", StepMetrics.Table.Names, list: true)
            .WithMetricParameter("format", PackedResults.Formats).WithPackedFormat<SeriesResponse, PackedSeries>()
            .WithExample(null, ("id", Examples.RunId), ("fields", "loss,gradNormBefore,gradNormAfter"), ("maxPoints", "500"));

        series.MapGet("/layers/{layer:int}", Layer).WithName("GetLayerSeries")
            .WithSummary("One layer's fields over steps")
            .WithDescription("Layer 1 is next to the input, the read-out is last; steps that did not compute a field have no point. "
                + "Fields (weightGradNorm by default): " + FieldNames.Describe(LayerMetrics.Table))
            .WithMetricParameter("fields", LayerMetrics.Table.Names, list: true)
            .WithExample(null, ("id", Examples.RunId), ("layer", "1"), ("fields", "weightGradNorm,biasGradNorm"), ("maxPoints", "2000"));

        series.MapGet("/depth-profile", DepthProfile).WithName("GetDepthProfile")
            .WithSummary("Every layer at one step")
            .WithDescription("The chosen fields of every layer at the newest recorded step at or before 'step' (default: the last one): "
                + "the gradient's decay across depth as one curve (null where the step did not compute a field).")
            .WithMetricParameter("fields", LayerMetrics.Table.Names, list: true)
            .WithExample(null, ("id", Examples.RunId), ("step", "100"), ("fields", "weightGradNorm,deltaNorm"));

        series.MapGet("/heatmap", Heatmap).WithName("GetHeatmap")
            .WithSummary("Layer × step matrix of one field")
            .WithDescription("Rows are layers (input side first), columns are step ranges; each cell is the max (default), min or mean of "
                + "the finite values in it, NaN when it has none, and nonFinite marks cells that held NaN or ±∞. "
                + "format=msgpack answers the same in MessagePack with the cells in one block (PackedHeatmap: layers × columns little-endian "
                + "float64, layer 1 first; the dashboard's form).")
            .WithMetricParameter("field", LayerMetrics.Table.Names)
            .WithMetricParameter("format", PackedResults.Formats).WithPackedFormat<Heatmap, PackedHeatmap>()
            .WithExample(null, ("id", Examples.RunId), ("field", "weightGradNorm"), ("columns", "1000"), ("aggregate", "max"));

        series.MapGet("/time-lag", TimeLag).WithName("GetTimeLagProfiles")
            .WithSummary("Recurrent time-lag profiles")
            .WithDescription("‖∂L/∂h_t‖ against t for one recurrent layer at up to maxProfiles steps (one per bucket of steps, the one "
                + "with the largest gradient), with σ_max(W_hh), the bound factor γ·σ_max and the bound ‖∂L/∂h_T‖·(γσ_max)^(T−t) beside "
                + "the norms (Pascanu et al. 2013).")
            .WithExample(null, ("id", Examples.RunId), ("layer", "1"), ("maxProfiles", "20"));

        series.MapGet("/output-depths", OutputDepths).WithName("GetOutputDepthSeries")
            .WithSummary("A hierarchical softmax's gradient by tree depth")
            .WithDescription("For a run with training.output hierarchical-softmax: ‖∂L/∂W‖ of the read-out over the rows of the tree's inner "
                + "nodes at each depth, one series per depth (depth1 is the root, down to ⌈log₂C⌉), over [from, to], each downsampled to about "
                + "maxPoints like a layer's fields. layer is the read-out's layer. No series for any other run.")
            .WithExample(null, ("id", Examples.RunId), ("maxPoints", "500"));
        return app;
    }

    private static async Task<Results<Ok<SeriesResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Steps(Guid id, RunStore runs,
        SeriesQueries queries, IOptions<QueryOptions> limits, CancellationToken cancel, string? fields = null, int? from = null, int? to = null,
        int? maxPoints = null, string? method = null, string? format = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var p = RangeParameters.Check(run, from, to, maxPoints, method, limits.Value);
        var chosen = p.Fields("fields", fields, StepMetrics.Table, FieldNames.All(StepMetrics.Table));
        var packed = PackedResults.Packed(format, p.Errors);
        if (p.Errors.Count > 0) return TypedResults.ValidationProblem(p.Errors);
        var series = await queries.StepsAsync(run, chosen, p.From, p.To, p.MaxPoints, p.Method, cancel);
        return packed ? PackedResults.Of(PackedSeries.Of(series)) : TypedResults.Ok(series);
    }

    private static async Task<Results<Ok<SeriesResponse>, ValidationProblem, ProblemHttpResult>> Layer(Guid id, int layer, RunStore runs, SeriesQueries queries,
        IOptions<QueryOptions> limits, CancellationToken cancel, string? fields = null, int? from = null, int? to = null, int? maxPoints = null, string? method = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var p = RangeParameters.Check(run, from, to, maxPoints, method, limits.Value);
        var chosen = p.Fields("fields", fields, LayerMetrics.Table, [LayerMetric.WeightGradNorm]);
        p.Layer(run, layer);
        if (p.Errors.Count > 0) return TypedResults.ValidationProblem(p.Errors);
        return TypedResults.Ok(await queries.LayerAsync(run, layer, chosen, p.From, p.To, p.MaxPoints, p.Method, cancel));
    }

    private static async Task<Results<Ok<DepthProfile>, ValidationProblem, ProblemHttpResult>> DepthProfile(Guid id, RunStore runs, SeriesQueries queries,
        CancellationToken cancel, int? step = null, string? fields = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var errors = new Dictionary<string, string[]>();
        var chosen = FieldNames.ParseList(fields, LayerMetrics.Table, FieldNames.All(LayerMetrics.Table), out var unknown);
        if (unknown.Count > 0) errors["fields"] = [$"Unknown fields: {string.Join(", ", unknown)}. Allowed: {string.Join(", ", LayerMetrics.Table.Names)}."];
        if (step < 1) errors["step"] = ["Must be 1 or more."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var profile = await queries.DepthProfileAsync(run, step ?? int.MaxValue, chosen, cancel);
        if (profile is null)
            return TypedResults.Problem(title: "No steps recorded", detail: $"Run {id} has no recorded step at or before the one asked for.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(profile);
    }

    private static async Task<Results<Ok<Heatmap>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Heatmap(Guid id, RunStore runs,
        SeriesQueries queries, IOptions<QueryOptions> limits, CancellationToken cancel, string? field = null, int? from = null, int? to = null,
        int columns = 1000, string? aggregate = null, string? format = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var p = RangeParameters.Check(run, from, to, null, null, limits.Value);
        var chosen = p.Fields("field", field, LayerMetrics.Table, [LayerMetric.WeightGradNorm]);
        if (chosen.Count > 1) p.Errors["field"] = ["Name one field."];
        var maxColumns = run.LayerCount == 0 ? limits.Value.MaxHeatmapCells : limits.Value.MaxHeatmapCells / run.LayerCount;
        if (columns < 1 || columns > maxColumns) p.Errors["columns"] = [$"Must be between 1 and {maxColumns} (at most {limits.Value.MaxHeatmapCells:N0} cells)."];
        aggregate ??= SeriesQueries.Max;
        if (!SeriesQueries.Aggregates.Contains(aggregate)) p.Errors["aggregate"] = [$"Unknown aggregate '{aggregate}'. Allowed: {string.Join(", ", SeriesQueries.Aggregates)}."];
        var packed = PackedResults.Packed(format, p.Errors);
        if (p.Errors.Count > 0) return TypedResults.ValidationProblem(p.Errors);
        var heatmap = await queries.HeatmapAsync(run, chosen[0], p.From, p.To, columns, aggregate, cancel);
        return packed ? PackedResults.Of(PackedHeatmap.Of(heatmap)) : TypedResults.Ok(heatmap);
    }

    private static async Task<Results<Ok<SeriesResponse>, ValidationProblem, ProblemHttpResult>> OutputDepths(Guid id, RunStore runs, SeriesQueries queries,
        IOptions<QueryOptions> limits, CancellationToken cancel, int? from = null, int? to = null, int? maxPoints = null, string? method = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var p = RangeParameters.Check(run, from, to, maxPoints, method, limits.Value);
        if (p.Errors.Count > 0) return TypedResults.ValidationProblem(p.Errors);
        return TypedResults.Ok(await queries.OutputDepthsAsync(run, p.From, p.To, p.MaxPoints, p.Method, cancel));
    }

    private static async Task<Results<Ok<TimeLagProfiles>, ValidationProblem, ProblemHttpResult>> TimeLag(Guid id, RunStore runs, SeriesQueries queries,
        IOptions<QueryOptions> limits, CancellationToken cancel, int layer = 1, int? from = null, int? to = null, int maxProfiles = 50)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var p = RangeParameters.Check(run, from, to, null, null, limits.Value);
        if (run.RecurrentLayers == 0) p.Errors["layer"] = ["The run has no recurrent layer (or has not started)."];
        else if (layer < 1 || layer > run.RecurrentLayers) p.Errors["layer"] = [$"Must be between 1 and {run.RecurrentLayers}."];
        if (maxProfiles < 1 || maxProfiles > limits.Value.MaxProfiles) p.Errors["maxProfiles"] = [$"Must be between 1 and {limits.Value.MaxProfiles}."];
        if (p.Errors.Count > 0) return TypedResults.ValidationProblem(p.Errors);
        return TypedResults.Ok(await queries.TimeLagAsync(run, layer, p.From, p.To, maxProfiles, cancel));
    }
}
