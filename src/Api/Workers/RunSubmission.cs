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
        var run = await store.AddAsync(new RunRecord
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
            ParentId = link?.ParentId,
            Remedy = link?.Remedy,
        }, options.Value.MaxQueuedRuns, cancel);
        if (run is null) return null;
        queue.Ring();
        Log.RunQueued(logger, run.Id, run.Name);
        return run;
    }
}
