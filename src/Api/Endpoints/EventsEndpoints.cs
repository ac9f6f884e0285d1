using GradientService.Api.Docs;
using GradientService.Api.Options;
using GradientService.Api.Security;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Endpoints;

/// <summary>Events of a run (clipping, non-finite gradients, divergence), filtered and paged; its episodes (docs/detectors.md).</summary>
public static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEventsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs/{id:guid}").WithTags("Events").RequireApiKey()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/events", List).WithName("ListEvents")
            .WithSummary("Events of a run")
            .WithDescription("In step order. kind: clipping, non-finite or diverged; from/to: a step range; layer: events of one layer.")
            .WithExample(null, ("id", Examples.RunId), ("kind", RunEventKinds.Clipping), ("page", "1"), ("pageSize", "50"));
        group.MapGet("/episodes", Episodes).WithName("ListEpisodes")
            .WithSummary("Episodes of a run")
            .WithDescription("Stretches of consecutive recorded steps over which a detector's condition held, in first-step order (open: still holding "
                + "in a running run). kind: " + string.Join(", ", EpisodeKinds.All) + ". Thresholds: the spec's detection section; rules in docs/detectors.md.")
            .WithExample(null, ("id", Examples.RunId), ("kind", EpisodeKinds.Vanishing));
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

    private static async Task<Results<Ok<List<RunEpisode>>, ValidationProblem, ProblemHttpResult>> Episodes(Guid id, RunStore runs, SeriesStore series,
        CancellationToken cancel, string? kind = null)
    {
        if (await runs.FindAsync(id, cancel) is not { } run) return RunsEndpoints.NotFound(id);
        if (kind is not null && !EpisodeKinds.All.Contains(kind))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"Unknown kind '{kind}'. Allowed: {string.Join(", ", EpisodeKinds.All)}."] });
        var rows = await series.EpisodesAsync(run.Key, cancel);
        return TypedResults.Ok(rows.Where(e => kind is null || e.Kind == kind).Select(WireFrames.Episode).ToList());
    }
}
