using System.Text.Json;
using System.Text.Json.Nodes;
using GradientService.Api.Diagnosis;
using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Problems;
using GradientService.Api.Security;
using GradientService.Api.Storage;
using GradientService.Api.Workers;
using GradientService.Contracts.Wire;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>Runs: submit (from a spec or a preset), list, get, cancel, delete.</summary>
public static class RunsEndpoints
{
    public static IEndpointRouteBuilder MapRunsEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs").RequireApiKey().ProducesProblem(StatusCodes.Status401Unauthorized);

        runs.MapPost("/", Submit).WithName("SubmitRun")
            .WithSummary("Submit a run")
            .WithDescription("Validates the spec (every problem is reported at once, by field), queues the run and answers 202 with its id "
                + "and Location. Fields left out take their defaults. 429 when the queue is full or submissions come too fast.")
            .Accepts<RunSpec>("application/json")
            .RequireRateLimiting(SecurityRegistration.SubmissionPolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithExample(Examples.Spec);

        runs.MapPost("/from-preset/{preset}", SubmitPreset).WithName("SubmitPreset")
            .WithSummary("Submit a preset, with overrides")
            .WithDescription("Starts from the named preset's spec (GET /api/presets) and applies the body as a JSON merge patch "
                + "(RFC 7386), e.g. {\"training\": {\"steps\": 200}}. An empty body runs the preset as it is.")
            .Accepts<JsonObject>("application/json")
            .RequireRateLimiting(SecurityRegistration.SubmissionPolicy)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(new { training = new { steps = 300 } }, ("preset", "deep-sigmoid"));

        runs.MapGet("/", List).WithName("ListRuns")
            .WithSummary("List runs")
            .WithDescription("Filters by status, architecture, activation, init scheme, sweep (a sweep's id: its cells), parent (the try-it "
                + "runs of that run), creation time (createdFrom, createdTo) and text in the name or preset (q); sort: -created (default, newest "
                + "first), created, name, status or finalLoss; page and pageSize.")
            .WithExample(null, ("status", "completed"), ("activation", "sigmoid"), ("page", "1"), ("pageSize", "20"));

        runs.MapGet("/{id:guid}", Get).WithName("GetRun")
            .WithSummary("Get a run")
            .WithDescription("Spec, status, progress, timings, model layers and summary (last loss and accuracy, event counts), and the "
                + "diagnosis (null before the first recorded step): verdict, findings worst first with their numbers and causes, the "
                + "gradient across depth measured beside mean-field theory (feedforward) or the recurrent bound γ·σ_max, and the "
                + "remedies ranked for this run (POST /api/runs/{id}/remedies/{remedy} tries one). ParentId and remedy: the run this "
                + "one is a try-it of.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExample(null, ("id", Examples.RunId));

        runs.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelRun")
            .WithSummary("Cancel a run")
            .WithDescription("A queued run is cancelled at once; a running one stops after its current step. 409 when it already finished.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(null, ("id", Examples.RunId));

        runs.MapDelete("/{id:guid}", Delete).WithName("DeleteRun")
            .WithSummary("Delete a run")
            .WithDescription("Removes the run and everything recorded for it. 409 while it trains: cancel it first.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithExample(null, ("id", Examples.RunId));
        return app;
    }

    private static async Task<Results<Accepted<RunCreated>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpRequest request, RunSubmission submission, IOptions<SecurityOptions> security, CancellationToken cancel)
    {
        var read = await SpecReader.ReadAsync(request, security.Value.MaxBodyBytes, null, cancel);
        return await QueueAsync(read, null, submission, security.Value, cancel);
    }

    private static async Task<Results<Accepted<RunCreated>, ValidationProblem, ProblemHttpResult>> SubmitPreset(
        string preset, HttpRequest request, RunSubmission submission, IOptions<SecurityOptions> security, CancellationToken cancel)
    {
        if (PresetCatalog.Find(preset) is not { } found)
            return TypedResults.Problem(title: "Unknown preset", detail: $"No preset is named '{preset}'; GET /api/presets lists them.", statusCode: StatusCodes.Status404NotFound);
        var basis = (JsonObject)JsonSerializer.SerializeToNode(found.Spec, SpecJson.Options)!; // a record always serialises to an object
        var read = await SpecReader.ReadAsync(request, security.Value.MaxBodyBytes, basis, cancel);
        return await QueueAsync(read, found.Name, submission, security.Value, cancel);
    }

    internal static async Task<Results<Accepted<RunCreated>, ValidationProblem, ProblemHttpResult>> QueueAsync(
        SpecReader.Outcome read, string? preset, RunSubmission submission, SecurityOptions security, CancellationToken cancel, RunLink? link = null)
    {
        if (read.TooLarge)
            return TypedResults.Problem(title: "Request body too large", detail: $"The limit is {security.MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (read.Spec is null)
            return TypedResults.ValidationProblem(read.Errors, title: $"The spec has {read.Errors.Count} invalid field{(read.Errors.Count == 1 ? "" : "s")}");
        var run = await submission.SubmitAsync(read.Spec, preset, cancel, link);
        if (run is null)
            return TypedResults.Problem(title: "Queue full", detail: "Too many runs are waiting; retry when some have started.", statusCode: StatusCodes.Status429TooManyRequests);
        var location = $"/api/runs/{run.Id}";
        return TypedResults.Accepted(location, new RunCreated(run.Id, run.Status, location));
    }

    private static async Task<Results<Ok<Page<RunSummary>>, ValidationProblem>> List(
        RunStore store, IOptions<QueryOptions> limits, CancellationToken cancel,
        string? status = null, string? architecture = null, string? activation = null, string? init = null,
        DateTime? createdFrom = null, DateTime? createdTo = null, string? q = null, string? sort = null, int page = 1, int pageSize = 20,
        Guid? sweep = null, Guid? parent = null)
    {
        var errors = new Dictionary<string, string[]>();
        RunStatus? parsedStatus = null;
        if (status is not null)
        {
            var names = WireNames.All(typeof(RunStatus));
            var index = names.ToList().IndexOf(status);
            if (index < 0) errors["status"] = [$"Unknown status '{status}'. Allowed: {string.Join(", ", names)}."];
            else parsedStatus = (RunStatus)index;
        }
        CheckName<Architecture>("architecture", architecture, errors);
        CheckName<ActivationKind>("activation", activation, errors);
        CheckName<InitScheme>("init", init, errors);
        RunSort order = RunSort.CreatedDesc;
        if (sort is not null && !Sorts.TryGetValue(sort, out order))
            errors["sort"] = [$"Unknown sort '{sort}'. Allowed: {string.Join(", ", Sorts.Keys)}."];
        if (page < 1) errors["page"] = ["Must be 1 or more."];
        if (pageSize < 1 || pageSize > limits.Value.MaxPageSize) errors["pageSize"] = [$"Must be between 1 and {limits.Value.MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var query = new RunQuery(parsedStatus, architecture, activation, init, createdFrom?.ToUniversalTime(), createdTo?.ToUniversalTime(), q, order, page, pageSize, sweep, parent);
        return TypedResults.Ok(await store.ListAsync(query, cancel));
    }

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> Get(Guid id, RunStore store, RunDiagnoses diagnoses, CancellationToken cancel)
    {
        var run = await store.FindAsync(id, cancel);
        if (run is null) return NotFound(id);
        return TypedResults.Ok(RunMapping.ToDetail(run, await store.CountEventsAsync(run.Key, cancel), await diagnoses.ForAsync(run, cancel)));
    }

    private static async Task<Results<Accepted<RunSummary>, ProblemHttpResult>> Cancel(Guid id, RunStore store, ActiveRuns active, CancellationToken cancel)
    {
        var outcome = await store.RequestCancelAsync(id, cancel);
        switch (outcome)
        {
            case CancelOutcome.NotFound: return NotFound(id);
            case CancelOutcome.AlreadyFinished:
                return TypedResults.Problem(title: "Run already finished", detail: $"Run {id} has finished; there is nothing to cancel.", statusCode: StatusCodes.Status409Conflict);
            case CancelOutcome.Requested:
                active.TryCancel(id);
                break;
        }
        var run = await store.FindAsync(id, cancel);
        return TypedResults.Accepted($"/api/runs/{id}", RunMapping.ToSummary(run!)); // found just above; a concurrent delete is the only way to lose it
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, RunStore store, CancellationToken cancel) =>
        await store.DeleteAsync(id, cancel) switch
        {
            DeleteOutcome.NotFound => NotFound(id),
            DeleteOutcome.Running => TypedResults.Problem(title: "Run is training", detail: $"Cancel run {id} first, then delete it.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.NoContent(),
        };

    internal static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(title: "Run not found", detail: $"No run has the id {id}.", statusCode: StatusCodes.Status404NotFound);

    private static readonly Dictionary<string, RunSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["-created"] = RunSort.CreatedDesc,
        ["created"] = RunSort.CreatedAsc,
        ["name"] = RunSort.Name,
        ["status"] = RunSort.Status,
        ["finalLoss"] = RunSort.FinalLoss,
    };

    private static void CheckName<T>(string parameter, string? value, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (value is null) return;
        var names = WireNames.All(typeof(T));
        if (!names.Contains(value)) errors[parameter] = [$"Unknown value '{value}'. Allowed: {string.Join(", ", names)}."];
    }
}
