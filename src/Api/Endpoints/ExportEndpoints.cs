using System.Globalization;
using System.Text;
using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Security;
using GradientService.Api.Series;
using GradientService.Api.Storage;
using GradientService.Api.Workers;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>Exports: CSV of the step, layer and output-depth series (streamed in bounded memory) and weights as safetensors at a checkpoint.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/runs/{id:guid}").WithTags("Exports").RequireApiKey()
            .ProducesProblem(StatusCodes.Status404NotFound);
        exports.MapGet("/export/steps.csv", StepsCsv).WithName("ExportStepsCsv")
            .WithSummary("Steps as CSV")
            .WithDescription("One row per recorded step: step, " + string.Join(", ", StepMetrics.Table.Names)
                + ". Empty cells are not measured; inf, -inf and nan are written as such.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithExample(null, ("id", Examples.RunId));
        exports.MapGet("/export/layers.csv", LayersCsv).WithName("ExportLayersCsv")
            .WithSummary("Layer fields as CSV")
            .WithDescription("One row per (step, layer): step, layer, then the chosen fields (all by default: "
                + string.Join(", ", LayerMetrics.Table.Names) + "). Empty cells are not computed; inf, -inf and nan are written as such.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithMetricParameter("fields", LayerMetrics.Table.Names, list: true)
            .WithExample(null, ("id", Examples.RunId), ("fields", "weightGradNorm,biasGradNorm"), ("from", "1"), ("to", "100"));
        exports.MapGet("/export/output-depths.csv", OutputDepthsCsv).WithName("ExportOutputDepthsCsv")
            .WithSummary("A hierarchical softmax's gradient by tree depth as CSV")
            .WithDescription("One row per recorded step of a run with training.output hierarchical-softmax: step, then ‖∂L/∂W‖ of the read-out "
                + "over the rows of each tree depth (depth1 is the root). Only the header for any other run.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithExample(null, ("id", Examples.RunId), ("from", "1"), ("to", "100"));
        exports.MapGet("/checkpoints", Checkpoints).WithName("ListCheckpoints")
            .WithSummary("Stored checkpoints")
            .WithDescription("The steps at which the complete training state is stored (weights can be exported at each).")
            .WithExample(null, ("id", Examples.RunId));
        exports.MapGet("/weights", Weights).WithName("ExportWeights")
            .WithSummary("Weights as safetensors")
            .WithDescription("The weights at a stored checkpoint (default: the newest) in PyTorch's nn.Linear layout "
                + "(layers.{i}.weight [out, in], layers.{i}.bias), loadable with safetensors.torch.load_file.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithExample(null, ("id", Examples.RunId));
        return app;
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> StepsCsv(Guid id, RunStore runs, IServiceScopeFactory scopes,
        IOptions<QueryOptions> limits, CancellationToken cancel, int from = 1, int to = int.MaxValue)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var fields = FieldNames.All(StepMetrics.Table).ToArray();
        return TypedResults.Stream(async body =>
        {
            await using var scope = scopes.CreateAsyncScope(); // the response outlives the request's scope
            var series = scope.ServiceProvider.GetRequiredService<SeriesStore>();
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 65536);
            await writer.WriteLineAsync("step," + string.Join(',', fields.Select(f => StepMetrics.Table[f].Name)));
            var line = new StringBuilder();
            await foreach (var row in series.StreamStepsAsync(run.Key, from, to, limits.Value.MaxExportRows).WithCancellation(cancel))
            {
                line.Clear().Append(row.Step.ToString(CultureInfo.InvariantCulture));
                foreach (var f in fields) line.Append(',').Append(Csv(row.Value(f)));
                await writer.WriteLineAsync(line, cancel);
            }
        }, "text/csv", $"run-{id}-steps.csv");
    }

    private static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> LayersCsv(Guid id, RunStore runs, IServiceScopeFactory scopes,
        IOptions<QueryOptions> limits, CancellationToken cancel, string? fields = null, int from = 1, int to = int.MaxValue)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var chosen = FieldNames.ParseList(fields, LayerMetrics.Table, FieldNames.All(LayerMetrics.Table), out var unknown);
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fields"] = [$"Unknown fields: {string.Join(", ", unknown)}. Allowed: {string.Join(", ", LayerMetrics.Table.Names)}."] });
        return TypedResults.Stream(async body =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var series = scope.ServiceProvider.GetRequiredService<SeriesStore>();
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 65536);
            await writer.WriteLineAsync("step,layer," + string.Join(',', chosen.Select(f => LayerMetrics.Table[f].Name)));
            var line = new StringBuilder();
            await foreach (var s in series.StreamLayerSamplesAsync(run.Key, run.LayerCount, from, to, limits.Value.MaxExportRows, cancel))
            {
                line.Clear().Append(s.Step.ToString(CultureInfo.InvariantCulture)).Append(',').Append(s.Layer.ToString(CultureInfo.InvariantCulture));
                foreach (var f in chosen) line.Append(',').Append(Csv(s[f]));
                await writer.WriteLineAsync(line, cancel);
            }
        }, "text/csv", $"run-{id}-layers.csv");
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> OutputDepthsCsv(Guid id, RunStore runs, IServiceScopeFactory scopes,
        IOptions<QueryOptions> limits, CancellationToken cancel, int from = 1, int to = int.MaxValue)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        return TypedResults.Stream(async body =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<SeriesStore>().OutputDepthsAsync(run.Key, from, to, limits.Value.MaxExportRows, cancel);
            var norms = rows.Select(r => DoubleBlob.Unpack(r.GradNorms)).ToArray();
            var depths = norms.Length == 0 ? 0 : norms.Max(n => n.Length);
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 65536);
            await writer.WriteLineAsync(string.Join(',', ["step", .. Enumerable.Range(1, depths).Select(SeriesQueries.DepthField)]));
            var line = new StringBuilder();
            for (var i = 0; i < rows.Count; i++)
            {
                line.Clear().Append(rows[i].Step.ToString(CultureInfo.InvariantCulture));
                for (var d = 0; d < depths; d++) line.Append(',').Append(Csv(d < norms[i].Length ? norms[i][d] : null));
                await writer.WriteLineAsync(line, cancel);
            }
        }, "text/csv", $"run-{id}-output-depths.csv");
    }

    private static async Task<Results<Ok<List<CheckpointInfo>>, ProblemHttpResult>> Checkpoints(Guid id, RunStore runs, CancellationToken cancel)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        return TypedResults.Ok(await runs.ListCheckpointsAsync(run.Key, cancel));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Weights(Guid id, RunStore runs, ITrainerFactory trainers,
        CancellationToken cancel, int? step = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var checkpoint = await runs.LoadCheckpointAsync(run.Key, step, cancel);
        if (checkpoint is null)
            return TypedResults.Problem(title: "No such checkpoint",
                detail: step is null ? $"Run {id} has no stored checkpoint yet." : $"Run {id} has no checkpoint at step {step}; GET its checkpoints for the list.",
                statusCode: StatusCodes.Status404NotFound);
        // The checkpoint holds the whole training state; the trainer turns it into PyTorch-layout weights.
        using var trainer = trainers.Create(RunMapping.Spec(run), threads: 1);
        using (var source = new MemoryStream(checkpoint.Data, writable: false)) trainer.LoadCheckpoint(source);
        using var weights = new MemoryStream();
        trainer.ExportWeights(weights);
        return TypedResults.File(weights.ToArray(), "application/octet-stream", $"run-{id}-step-{checkpoint.Step}.safetensors");
    }

    /// <summary>A CSV cell: round-trip precision; an absent value is empty; inf, -inf, nan otherwise.</summary>
    private static string Csv(double? value) => value switch
    {
        null => "",
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double.NaN => "nan",
        _ => value.GetValueOrDefault().ToString("R", CultureInfo.InvariantCulture),
    };
}
