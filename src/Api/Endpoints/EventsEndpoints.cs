using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Security;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>Events of a run (clipping, non-finite gradients, divergence), filtered and paged.</summary>
public static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEventsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/runs/{id:guid}").WithTags("Events").RequireApiKey()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .MapGet("/events", List).WithName("ListEvents")
            .WithSummary("Events of a run")
            .WithDescription("In step order. kind: clipping, non-finite or diverged; from/to: a step range; layer: events of one layer.")
            .WithExample(null, ("id", Examples.RunId), ("kind", RunEventKinds.Clipping), ("page", "1"), ("pageSize", "50"));
        return app;
    }

    private static async Task<Results<Ok<Page<RunEventMessage>>, ValidationProblem, ProblemHttpResult>> List(Guid id, RunStore runs, SeriesStore series,
        IOptions<QueryOptions> limits, CancellationToken cancel, string? kind = null, int from = 1, int to = int.MaxValue, int? layer = null, int page = 1, int pageSize = 50)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        var errors = new Dictionary<string, string[]>();
        if (kind is not null && !RunEventKinds.All.Contains(kind)) errors["kind"] = [$"Unknown kind '{kind}'. Allowed: {string.Join(", ", RunEventKinds.All)}."];
        if (to < from) errors["to"] = ["Must not be before 'from'."];
        if (page < 1) errors["page"] = ["Must be 1 or more."];
        if (pageSize < 1 || pageSize > limits.Value.MaxPageSize) errors["pageSize"] = [$"Must be between 1 and {limits.Value.MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var total = await series.CountEventsAsync(run.Key, kind, from, to, layer, cancel);
        var rows = await series.EventsAsync(run.Key, kind, from, to, layer, (page - 1) * pageSize, pageSize, cancel);
        return TypedResults.Ok(new Page<RunEventMessage>([.. rows.Select(WireFrames.Event)], page, pageSize, total));
    }
}
