using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Diagnosis;
using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Problems;
using GradientService.Api.Security;
using GradientService.Api.Storage;
using GradientService.Api.Workers;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using GradientService.Core.Diagnosis;
using GradientService.Core.Theory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>A run's theory and its remedies: what mean-field theory predicts for its spec, and a try-it run per remedy.</summary>
public static class DiagnosisEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosisEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Diagnosis").RequireApiKey().ProducesProblem(StatusCodes.Status401Unauthorized);

        runs.MapGet("/{id:guid}/theory", Theory).WithName("GetRunTheory")
            .WithSummary("Mean-field theory of a run's spec")
            .WithDescription("What mean-field theory predicts for this feedforward run at initialisation, from its activation, init (σ_w², "
                + "bias), depth and width and the mean square of its data set's inputs (q₀, measured): q*, χ, ξ_∇, ξ_c, the phase, "
                + "the predicted ‖δ_l‖/‖δ_D‖ per layer and the caveats. 422 for a recurrent run: its bound (γ·σ_max)^lag is drawn "
                + "beside the time-lag profile (GET /api/runs/{id}/time-lag, field bound).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExample(null, ("id", Examples.RunId));

        runs.MapPost("/{id:guid}/remedies/{remedy}", TryRemedy).WithName("TryRemedy")
            .WithSummary("Try a remedy: submit a linked run")
            .WithDescription("Submits a child run whose spec is this run's spec with the remedy's merge patch applied (the diagnosis "
                + "lists each remedy's changes), so the two differ in exactly those fields; the child's parentId and remedy link it "
                + "back (GET /api/runs?parent={id} lists the children). Remedies: " + string.Join(", ", RemedyCatalog.All.Select(r => r.Id))
                + ". 404 for an unknown run or remedy, 409 when the remedy does not apply to this run (the wrong kind of net, or its "
                + "spec already has it); validation, rate limit and queue limit as for POST /api/runs.")
            .RequireRateLimiting(SecurityRegistration.SubmissionPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithExample(null, ("id", Examples.RunId), ("remedy", RemedyCatalog.ReluHe));
        return app;
    }

    private static async Task<Results<Ok<TheoryReport>, ProblemHttpResult>> Theory(Guid id, RunStore store, RunTheories theories, CancellationToken cancel)
    {
        if (await store.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var spec = RunMapping.Spec(run);
        if (SpecTheory.Outside(spec.Model) is [var outside, ..])
            return TypedResults.Problem(title: $"No mean-field profile for a {run.Architecture}",
                detail: $"{outside.Message} The diagnosis (GET /api/runs/{id}, diagnosis.depth) gives the measured factor per layer.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        if (spec.Model is not FeedForwardSpec)
            return TypedResults.Problem(title: "No mean-field theory for a recurrent net",
                detail: $"Run {id} is a {run.Architecture}: mean-field theory covers feedforward nets. Its bound (γ·σ_max)^lag (Pascanu et al. 2013) "
                    + $"is in the time-lag profile (GET /api/runs/{id}/time-lag, field bound) and in the diagnosis (GET /api/runs/{id}, diagnosis.recurrent).",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        var outcome = await theories.GetAsync(run.Id, spec);
        if (outcome.Report is null)
            return TypedResults.Problem(title: "Outside the theory's range",
                detail: string.Join(" ", outcome.Errors.Select(e => $"{e.Field} {e.Message}")), statusCode: StatusCodes.Status422UnprocessableEntity);
        return TypedResults.Ok(outcome.Report);
    }

    private static async Task<Results<Accepted<RunCreated>, ValidationProblem, ProblemHttpResult>> TryRemedy(
        Guid id, string remedy, RunStore store, RunSubmission submission, IOptions<SecurityOptions> security, CancellationToken cancel)
    {
        if (await store.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        if (RemedyCatalog.Find(remedy) is not { } found)
            return TypedResults.Problem(title: "Unknown remedy",
                detail: $"No remedy is named '{remedy}'. Remedies: {string.Join(", ", RemedyCatalog.All.Select(r => r.Id))}.", statusCode: StatusCodes.Status404NotFound);
        var spec = RunMapping.Spec(run);
        if (found.Patch(spec) is not { } patch)
            return TypedResults.Problem(title: "Remedy does not apply",
                detail: $"'{found.Title}' does not apply to run {id} ({run.Architecture}, {run.Activation}, {run.Init} init): the wrong kind of net, or its spec already has it.",
                statusCode: StatusCodes.Status409Conflict);
        var basis = (JsonObject)JsonSerializer.SerializeToNode(spec, SpecJson.Options)!; // a record always serialises to an object
        var read = SpecReader.Check(JsonMerge.Apply(basis, patch));
        return await RunsEndpoints.QueueAsync(read, null, submission, security.Value, cancel, new RunLink(run.Id, found.Id));
    }
}
