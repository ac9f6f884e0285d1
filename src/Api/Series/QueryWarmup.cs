using System.Text.Json;
using GradientService.Api.Diagnosis;
using GradientService.Api.Endpoints;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Metrics;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Series;

/// <summary>
/// Once the schema is current, does in the background what a run page's first look asks of the service, through the
/// endpoints' stores, queries and answers: the detail (with the diagnosis, starting no theory), the step series and heatmap
/// from rollups, events, episodes and the depth profile, each answer written as the endpoint writes it (JSON with the
/// service's options, MessagePack columns) into a response that goes nowhere. First for a made-up run that is not in the
/// service's store (its queries compiled, its connections opened), then for a small run in a store of the warm-up's own
/// (<see cref="WarmupStore"/>), so the code that reads rows and builds answers from them runs too. On a fresh server the
/// first look's requests took 0.1–0.3 s longer each than the next ones (JIT, EF Core's query and materializer compilation,
/// the serializers' formatters; issue 17). The service's store is only read; a failure is logged and changes nothing.
/// </summary>
public sealed class QueryWarmup(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<QueryWarmup> logger) : IHostedService
{
    private const int Steps = 100_000, Layers = 100;

    private Task _warming = Task.CompletedTask;

    /// <summary>Where the warm-up's own store is made (a folder of its own under it, deleted after).</summary>
    internal string ScratchRoot { get; init; } = WarmupStore.Root;

    /// <summary>Starts warming (after the migrator, which starts before it) without holding the start up.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(() => WarmAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes when the warming has (it never faults: a failure is logged); the benchmarks measure after it.</summary>
    public Task Warmed => _warming;

    /// <summary>Waits for the warming (cancelled by the application stopping) unless the host stops waiting first.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await Task.WhenAny(_warming, Task.Delay(Timeout.Infinite, cancellationToken));

    private async Task WarmAsync(CancellationToken cancel)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var answer = new DefaultHttpContext { RequestServices = services };
            answer.Response.Body = Stream.Null;
            var theories = services.GetRequiredService<RunTheories>();
            var clock = services.GetRequiredService<TimeProvider>();
            var store = services.GetRequiredService<SeriesStore>();
            // The service's store: its engine's queries compiled, its connections opened (no run has the made-up key).
            await FirstLookAsync(new Reads(services.GetRequiredService<RunStore>(), store, services.GetRequiredService<SeriesQueries>(), new RunDiagnoses(store, theories)),
                MadeUpRun(), theory: null, answer, cancel);
            // A store of its own with a run in it: the code that reads rows and builds answers from them.
            // Its diagnosis has findings and its theory (computed here, kept nowhere), as a finished sick run's has.
            var spec = Spec(WarmupStore.Steps);
            await using var scratch = await WarmupStore.CreateAsync(ScratchRoot, spec, clock, cancel);
            var rows = new SeriesStore(scratch.Db);
            await FirstLookAsync(new Reads(new RunStore(scratch.Db, clock), rows, new SeriesQueries(rows), new RunDiagnoses(rows, theories)), scratch.Run,
                RunTheories.Of(spec), answer, cancel);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.WarmupFailed(logger, e);
        }
    }

    /// <summary>The stores and queries a request's scope gives its endpoint.</summary>
    private sealed record Reads(RunStore Runs, SeriesStore Store, SeriesQueries Queries, RunDiagnoses Diagnoses);

    private static async Task FirstLookAsync(Reads reads, RunRecord run, RunTheories.Outcome? theory, HttpContext answer, CancellationToken cancel)
    {
        await DetailAsync(reads, run, theory, answer, cancel);
        await HistoryAsync(reads, run, answer, cancel);
    }

    /// <summary>
    /// GET /api/runs/{id}: the run, its event counts and its diagnosis with <paramref name="theory"/> (none is started or
    /// kept for the warm-up's runs), as JSON.
    /// </summary>
    private static async Task DetailAsync(Reads reads, RunRecord run, RunTheories.Outcome? theory, HttpContext answer, CancellationToken cancel)
    {
        await reads.Runs.FindAsync(run.Id, cancel);
        var counts = await reads.Runs.CountEventsAsync(run.Key, cancel);
        var diagnosis = await reads.Diagnoses.ForAsync(run, (_, _) => theory, cancel);
        await TypedResults.Ok(RunMapping.ToDetail(run, counts, diagnosis)).ExecuteAsync(answer);
    }

    /// <summary>
    /// The history the run page asks for at once (steps and heatmap in MessagePack, events, episodes and depth profile as
    /// JSON), at resolutions that read the rollups (a made-up value where the store has none, so every answer is written).
    /// </summary>
    private static async Task HistoryAsync(Reads reads, RunRecord run, HttpContext answer, CancellationToken cancel)
    {
        var (steps, store, queries) = (run.StepsDone, reads.Store, reads.Queries);
        var maxPoints = Math.Min(2000, steps / LayerRollup.Width);
        var series = await queries.StepsAsync(run, [.. StepMetrics.Table.All.Select(m => m.Metric)], 1, steps, maxPoints, Downsampler.MinMax, cancel);
        await PackedResults.Of(PackedSeries.Of(series)).ExecuteAsync(answer);
        await store.CountEventsAsync(run.Key, null, 1, steps, null, cancel);
        var events = (await store.EventsAsync(run.Key, null, 1, steps, null, 0, 200, cancel)).Select(WireFrames.Event).ToList();
        await TypedResults.Ok(new Page<RunEventMessage>(events.Count > 0 ? events : [new(steps, RunEventKinds.Clipping, 1, 2.0, "made up")], 1, 200, 1)).ExecuteAsync(answer);
        var episodes = (await store.EpisodesAsync(run.Key, cancel)).Select(WireFrames.Episode).ToList();
        await TypedResults.Ok(episodes.Count > 0 ? episodes : [new RunEpisode(EpisodeKinds.Diverged, 1, 1, steps, steps, 1.0, steps, false, "made up")]).ExecuteAsync(answer);
        var fields = LayerMetrics.Table.All.Select(m => m.Metric).ToList();
        var profile = await queries.DepthProfileAsync(run, steps, fields, cancel)
            ?? new DepthProfile(run.Id, steps, [.. fields.Select(f => LayerMetrics.Table[f].Name)], [new(1, "layer 1", [.. fields.Select(_ => (double?)1.0)])]);
        await TypedResults.Ok(profile).ExecuteAsync(answer);
        var columns = Math.Min(782, steps / (2 * LayerRollup.Width));
        var heatmap = await queries.HeatmapAsync(run, LayerMetric.WeightGradNorm, 1, steps, columns, SeriesQueries.Max, cancel);
        await PackedResults.Of(PackedHeatmap.Of(heatmap)).ExecuteAsync(answer);
    }

    private static RunSpec Spec(int steps) => new() { Model = new MlpSpec { Depth = 1, Width = 4 }, Training = new TrainingSpec { Steps = steps } };

    /// <summary>
    /// A finished run of <see cref="Steps"/> steps and <see cref="Layers"/> layers that no store holds (its key is never
    /// given out): its heatmap's answer (empty cells) is as large as a big run's, so the serializer's buffers grow once here.
    /// </summary>
    private static RunRecord MadeUpRun() => new()
    {
        Key = -1, Id = Guid.Empty, Status = RunStatus.Completed, SpecJson = JsonSerializer.Serialize(Spec(Steps), SpecJson.Options),
        Architecture = "mlp", Activation = "tanh", Init = "standard", LayerCount = Layers, TotalSteps = Steps, StepsDone = Steps,
    };
}
