using System.Text.Json;
using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Security;
using GradientService.Api.Storage;
using GradientService.Api.Sweeps;
using GradientService.Api.Workers;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>Sweeps: a grid of runs in one request; list, get, cancel, and the matrix of outcomes with the phase diagram.</summary>
public static class SweepsEndpoints
{
    public static IEndpointRouteBuilder MapSweepsEndpoints(this IEndpointRouteBuilder app)
    {
        var sweeps = app.MapGroup("/api/sweeps").WithTags("Sweeps").RequireApiKey().ProducesProblem(StatusCodes.Status401Unauthorized);

        sweeps.MapPost("/", Submit).WithName("SubmitSweep")
            .WithSummary("Submit a sweep")
            .WithDescription("A grid of runs: the base spec (a preset, with spec as a JSON merge patch over it, or spec alone) with every "
                + "combination of the axes' values applied (the last axis varying fastest). Axes are spec fields by JSON path "
                + "(model.activation, init.scheme, model.depth, init.weightVariance, init.biasVariance, …). Everything is checked before "
                + $"anything is queued: unknown fields, empty axes, more than {SweepPlan.MaxCells} cells, and every cell's spec (errors keyed "
                + "\"cells[3].model.depth\"). All cells are queued together or none (429 when the queue cannot take them all). Each cell is "
                + "an ordinary run named \"<name> · activation=relu, depth=20\" (GET /api/runs?sweep=<id> lists them).")
            .Accepts<SweepRequest>("application/json")
            .RequireRateLimiting(SecurityRegistration.SubmissionPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithExample(Examples.Sweep);

        sweeps.MapGet("/", List).WithName("ListSweeps")
            .WithSummary("List sweeps")
            .WithDescription("Newest first, with each sweep's runs counted by status; page and pageSize.")
            .WithExample(null, ("page", "1"), ("pageSize", "20"));

        sweeps.MapGet("/{id:guid}", Get).WithName("GetSweep")
            .WithSummary("Get a sweep")
            .WithDescription("Its axes and its runs counted by status.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, ("id", Examples.SweepId));

        sweeps.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelSweep")
            .WithSummary("Cancel a sweep")
            .WithDescription("Its queued runs are cancelled at once; its running ones stop after their current step. Finished runs stay as they are.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, ("id", Examples.SweepId));

        sweeps.MapGet("/{id:guid}/matrix", Matrix).WithName("GetSweepMatrix")
            .WithSummary("A sweep's matrix of outcomes")
            .WithDescription("One cell per run: status, final accuracy and loss, whether it exploded, the depth to which gradients vanished, "
                + "the measured per-layer factor χ = (‖δ_1‖/‖δ_D‖)^(2/(D−1)) at step 1 and the theory's χ₁ (feedforward nets). For a sweep over "
                + "init.weightVariance × init.biasVariance of a feedforward net, the order-to-chaos phase diagram: the critical line χ₁ = 1 "
                + "and the trainable depth 6·ξ_c (Schoenholz et al. 2017, Figures 1 and 5).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, ("id", Examples.SweepId));
        return app;
    }

    private static async Task<Results<Accepted<SweepSummary>, ValidationProblem, ProblemHttpResult>> Submit(
        SweepRequest request, RunSubmission submission, RunStore store, TimeProvider clock, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name?.Length > Limits.MaxNameLength) errors["name"] = [$"At most {Limits.MaxNameLength} characters."];
        var (plan, planErrors) = SweepPlan.Create(request);
        foreach (var (field, messages) in planErrors) errors[field] = messages;
        if (plan is null || errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: $"The sweep has {errors.Count} invalid field{(errors.Count == 1 ? "" : "s")}");
        var sweep = new SweepRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = request.Name,
            Preset = plan.Preset,
            AxesJson = JsonSerializer.Serialize(request.Axes, JsonSerializerOptions.Web),
            BaseSpecJson = plan.BaseSpec.ToJsonString(),
            Cells = plan.Cells.Count,
        };
        if (!await submission.SubmitSweepAsync(sweep, [.. plan.Cells.Select(c => c.Spec)], plan.Preset, cancel))
            return TypedResults.Problem(title: "Queue full", detail: $"The queue cannot take the sweep's {plan.Cells.Count} runs; nothing was queued. Retry when some have started.",
                statusCode: StatusCodes.Status429TooManyRequests);
        var summary = await store.SweepSummaryAsync(sweep.Id, cancel);
        return TypedResults.Accepted($"/api/sweeps/{sweep.Id}", summary);
    }

    private static async Task<Results<Ok<Page<SweepSummary>>, ValidationProblem>> List(
        RunStore store, IOptions<QueryOptions> limits, CancellationToken cancel, int page = 1, int pageSize = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["Must be 1 or more."];
        if (pageSize < 1 || pageSize > limits.Value.MaxPageSize) errors["pageSize"] = [$"Must be between 1 and {limits.Value.MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await store.ListSweepsAsync(page, pageSize, cancel));
    }

    private static async Task<Results<Ok<SweepSummary>, ProblemHttpResult>> Get(Guid id, RunStore store, CancellationToken cancel) =>
        await store.SweepSummaryAsync(id, cancel) is { } summary ? TypedResults.Ok(summary) : NotFound(id);

    private static async Task<Results<Accepted<SweepSummary>, ProblemHttpResult>> Cancel(Guid id, RunStore store, ActiveRuns active, CancellationToken cancel)
    {
        if (await store.CancelSweepAsync(id, cancel) is not { } running) return NotFound(id);
        foreach (var run in running) active.TryCancel(run);
        return TypedResults.Accepted($"/api/sweeps/{id}", (await store.SweepSummaryAsync(id, cancel))!); // found just above
    }

    private static async Task<Results<Ok<SweepMatrix>, ProblemHttpResult>> Matrix(Guid id, RunStore store, SweepMatrixBuilder matrix, CancellationToken cancel) =>
        await store.FindSweepAsync(id, cancel) is { } sweep ? TypedResults.Ok(await matrix.BuildAsync(sweep, cancel)) : NotFound(id);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(title: "Sweep not found", detail: $"No sweep has the id {id}.", statusCode: StatusCodes.Status404NotFound);
}
