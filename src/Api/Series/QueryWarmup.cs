using GradientService.Api.Storage;
using GradientService.Contracts.Metrics;

namespace GradientService.Api.Series;

/// <summary>
/// Once the schema is current, runs the reads a run page's first look makes (detail, step series from rollups, events,
/// episodes, depth profile, heatmap from rollups) against a run that does not exist, in the background: EF Core compiles
/// each query's shape and the JIT compiles the code on first use, which made the first run page opened after a start
/// take ~2 s longer than the next (issue 17). Nothing is read or written; a failure is logged and changes nothing.
/// </summary>
public sealed class QueryWarmup(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<QueryWarmup> logger) : IHostedService
{
    private Task _warming = Task.CompletedTask;

    /// <summary>Starts warming (after the migrator, which starts before it) without holding the start up.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _warming = Task.Run(() => WarmAsync(lifetime.ApplicationStopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Waits for the warming (cancelled by the application stopping) unless the host stops waiting first.</summary>
    public async Task StopAsync(CancellationToken cancellationToken) => await Task.WhenAny(_warming, Task.Delay(Timeout.Infinite, cancellationToken));

    private async Task WarmAsync(CancellationToken cancel)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var runs = scope.ServiceProvider.GetRequiredService<RunStore>();
            var store = scope.ServiceProvider.GetRequiredService<SeriesStore>();
            var queries = scope.ServiceProvider.GetRequiredService<SeriesQueries>();
            var none = new RunRecord { Key = -1, Id = Guid.Empty, SpecJson = "{}", Architecture = "", Activation = "", Init = "", LayerCount = 1, StepsDone = 100_000 };
            await runs.FindAsync(Guid.Empty, cancel);
            await runs.CountEventsAsync(none.Key, cancel);
            await queries.StepsAsync(none, [.. StepMetrics.Table.All.Select(m => m.Metric)], 1, none.StepsDone, 2000, Downsampler.MinMax, cancel);
            await store.CountEventsAsync(none.Key, null, 1, none.StepsDone, null, cancel);
            await store.EventsAsync(none.Key, null, 1, none.StepsDone, null, 0, 200, cancel);
            await store.EpisodesAsync(none.Key, cancel);
            await store.RecordedStepAtOrBeforeAsync(none.Key, none.StepsDone, cancel);
            await store.AtStepAsync(none.Key, none.LayerCount, none.StepsDone, cancel);
            await queries.HeatmapAsync(none, LayerMetric.WeightGradNorm, 1, none.StepsDone, 782, SeriesQueries.Max, cancel);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.WarmupFailed(logger, e);
        }
    }
}
