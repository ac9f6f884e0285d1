using GradientService.Contracts.Wire;

namespace GradientService.Api.Telemetry;

/// <summary>One run's steps, layer and recurrent frames and events, gathered in step order for <see cref="StepBatch"/>es.</summary>
public sealed class PendingSteps(Guid runId)
{
    public Guid RunId { get; } = runId;
    public List<StepPoint> Steps { get; } = [];
    public List<LayerFrame> Layers { get; } = [];
    public List<RecurrentFrame> Recurrent { get; } = [];
    public List<RunEventMessage> Events { get; } = [];

    public bool IsEmpty => Steps.Count == 0 && Events.Count == 0;

    public void Add(StepFrame frame)
    {
        Steps.Add(WireFrames.Step(frame));
        Layers.Add(WireFrames.Layers(frame));
        Recurrent.AddRange(WireFrames.Recurrent(frame));
        Events.AddRange(frame.Events);
    }

    public void Add(StepBatch batch)
    {
        Steps.AddRange(batch.Steps);
        Layers.AddRange(batch.Layers);
        Recurrent.AddRange(batch.Recurrent);
        Events.AddRange(batch.Events);
    }

    /// <summary>Everything gathered as one unthinned batch (not empty).</summary>
    public StepBatch ToBatch()
    {
        var steps = Steps.Select(s => s.Step).Concat(Events.Select(e => e.Step)).ToList();
        return new StepBatch(RunId, steps.Min(), steps.Max(), Steps, Layers, false, Recurrent, Events, []);
    }
}
