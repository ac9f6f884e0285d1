using System.Text.Json;
using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Workers;

/// <summary>Puts a validated spec in the queue (the store), unless the queue is full, and wakes a worker.</summary>
public sealed class RunSubmission(RunStore store, RunQueue queue, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<RunSubmission> logger)
{
    /// <summary>The queued run, or null when <see cref="WorkerOptions.MaxQueuedRuns"/> runs are already waiting.</summary>
    public async Task<RunRecord?> SubmitAsync(RunSpec spec, string? preset, CancellationToken cancel, RunLink? link = null)
    {
        var run = Record(spec, preset);
        run.ParentId = link?.ParentId;
        run.Remedy = link?.Remedy;
        run = await store.AddAsync(run, options.Value.MaxQueuedRuns, cancel);
        if (run is null) return null;
        queue.Ring();
        Log.RunQueued(logger, run.Id, run.Name);
        return run;
    }

    /// <summary>
    /// Queues a sweep's cells as runs carrying its id and their cell index, all or none: false when the queue cannot take
    /// every cell (<see cref="WorkerOptions.MaxQueuedRuns"/> counts them all).
    /// </summary>
    public async Task<bool> SubmitSweepAsync(SweepRecord sweep, IReadOnlyList<RunSpec> cells, string? preset, CancellationToken cancel)
    {
        var runs = cells.Select((spec, i) => { var run = Record(spec, preset); run.SweepCell = i; return run; }).ToList();
        if (!await store.AddSweepAsync(sweep, runs, options.Value.MaxQueuedRuns, cancel)) return false;
        queue.Ring();
        foreach (var run in runs) Log.RunQueued(logger, run.Id, run.Name);
        return true;
    }

    private RunRecord Record(RunSpec spec, string? preset) => new()
    {
        Id = Guid.CreateVersion7(clock.GetUtcNow()),
        Name = spec.Name,
        Preset = preset,
        SpecJson = JsonSerializer.Serialize(spec, SpecJson.Options),
        Architecture = WireNames.Of(spec.Model.Architecture),
        Activation = WireNames.Of(spec.Model.Activation),
        Init = WireNames.Of(spec.Init.Scheme),
        Depth = (spec.Model as FeedForwardSpec)?.HiddenWidths().Length ?? spec.Model.Depth,
        TotalSteps = spec.Training.Steps,
    };
}
