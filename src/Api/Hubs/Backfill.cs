using GradientService.Api.Options;
using GradientService.Api.Storage;
using GradientService.Api.Telemetry;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Hubs;

/// <summary>
/// Sends a subscriber the recorded steps it missed, from the store, in messages of the live size; the last message also
/// carries every episode of the run as stored (a message of its own when no step was missed).
/// </summary>
public sealed class Backfill(SeriesStore series, IOptions<StreamingOptions> options)
{
    private const int MaxEventsPerMessage = 10_000;

    /// <summary>Sends every stored step after <paramref name="after"/> and the run's episodes; returns the last step sent (or <paramref name="after"/>).</summary>
    public async Task<int> SendAsync(RunRecord run, int after, IRunStreamClient client, CancellationToken cancel)
    {
        var through = after;
        var max = options.Value.MaxStepsPerMessage;
        while (true)
        {
            var rows = await series.StepsAsync(run.Key, through + 1, int.MaxValue, max, cancel);
            if (rows.Count == 0)
            {
                // Read after the steps: the episodes are at least as new as the last step sent.
                if (await EpisodesAsync(run, cancel) is { Count: > 0 } episodes)
                    await client.StepBatch(new StepBatch(run.Id, through, through, [], [], false, [], [], episodes));
                return through;
            }
            var first = rows[0].Step;
            var last = rows[^1].Step;
            var events = await series.EventsAsync(run.Key, null, first, last, null, 0, MaxEventsPerMessage, cancel);
            var eventSteps = events.Select(e => e.Step).ToHashSet();
            var steps = rows.Select(r => r.Step).ToList();
            var keep = BatchThinning.Pick(steps, eventSteps, BatchThinning.Room(run.LayerCount, options.Value.MaxLayerValuesPerMessage));
            var frames = new List<LayerFrame>();
            if (run.LayerCount > 0)
            {
                var samples = await series.AtStepsAsync(run.Key, run.LayerCount, keep, cancel);
                frames.AddRange(samples.GroupBy(s => s.Step).OrderBy(g => g.Key).Select(g => WireFrames.Layers(g.Key, run.LayerCount, g)));
            }
            var final = rows.Count < max;
            var batch = new StepBatch(run.Id, first, last, [.. rows.Select(WireFrames.Step)], frames, keep.Count < steps.Count, [],
                [.. events.Select(WireFrames.Event)], final ? await EpisodesAsync(run, cancel) : []);
            await client.StepBatch(batch);
            through = last;
            if (final) return through;
        }
    }

    private async Task<List<RunEpisode>> EpisodesAsync(RunRecord run, CancellationToken cancel) =>
        [.. (await series.EpisodesAsync(run.Key, cancel)).Select(WireFrames.Episode)];
}
