using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>A committed batch of the recorder as one <see cref="StepBatch"/> per run (steps, layer and recurrent frames, events), unthinned.</summary>
public static class CommittedBatches
{
    /// <summary>The batches of the runs <paramref name="wanted"/> accepts, in the order of each run's first item.</summary>
    public static List<StepBatch> Of(IReadOnlyList<TelemetryItem> committed, Func<Guid, bool> wanted)
    {
        var runs = new List<Run>();
        Guid lastRun = default;
        Run? run = null;
        foreach (var item in committed)
        {
            if (item is not (StepFrame or EventItem)) continue;
            if (item.Run.RunId != lastRun)
            {
                lastRun = item.Run.RunId;
                run = runs.Find(r => r.Id == lastRun);
                if (run is null && wanted(lastRun)) runs.Add(run = new Run(lastRun));
            }
            if (run is null) continue;
            switch (item)
            {
                case StepFrame frame:
                    run.Steps.Add(WireFrames.Step(frame));
                    run.Layers.Add(WireFrames.Layers(frame));
                    run.Recurrent.AddRange(WireFrames.Recurrent(frame));
                    run.Events.AddRange(frame.Events);
                    break;
                case EventItem e:
                    run.Events.Add(e.Message);
                    break;
            }
        }
        return [.. runs.Select(r => r.ToBatch())];
    }

    private sealed class Run(Guid id)
    {
        public Guid Id { get; } = id;
        public List<StepPoint> Steps { get; } = [];
        public List<LayerFrame> Layers { get; } = [];
        public List<RecurrentFrame> Recurrent { get; } = [];
        public List<RunEventMessage> Events { get; } = [];

        public StepBatch ToBatch()
        {
            var steps = Steps.Select(s => s.Step).Concat(Events.Select(e => e.Step)).ToList();
            return new StepBatch(Id, steps.Min(), steps.Max(), Steps, Layers, false, Recurrent, Events);
        }
    }
}
