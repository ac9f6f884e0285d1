using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>A committed batch of the recorder as one <see cref="StepBatch"/> per run (steps, layer and recurrent frames, events, episodes), unthinned.</summary>
public static class CommittedBatches
{
    /// <summary>The batches of the runs <paramref name="wanted"/> accepts, in the order of each run's first item.</summary>
    public static List<StepBatch> Of(IReadOnlyList<TelemetryItem> committed, Func<Guid, bool> wanted)
    {
        var runs = new List<PendingSteps>();
        Guid lastRun = default;
        PendingSteps? run = null;
        foreach (var item in committed)
        {
            if (item is not (StepFrame or EventItem or EpisodesItem)) continue;
            if (item.Run.RunId != lastRun)
            {
                lastRun = item.Run.RunId;
                run = runs.Find(r => r.RunId == lastRun);
                if (run is null && wanted(lastRun)) runs.Add(run = new PendingSteps(lastRun));
            }
            if (run is null) continue;
            if (item is StepFrame frame) run.Add(frame);
            else if (item is EventItem e) run.Events.Add(e.Message);
            else if (item is EpisodesItem episodes) foreach (var episode in episodes.Episodes) run.Add(WireFrames.Episode(episode));
        }
        return [.. runs.Select(r => r.ToBatch())];
    }
}
