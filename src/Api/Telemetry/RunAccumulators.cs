namespace GradientService.Api.Telemetry;

/// <summary>
/// The telemetry writer's state of one run: its open chunk of every layer and its open rollup buckets. A batch changes
/// them as it is walked, before its commit: <see cref="Save"/> before and <see cref="Restore"/> after a failed commit put
/// them back, so the batch can be written again.
/// </summary>
public sealed class RunAccumulators(int layers)
{
    private RunAccumulators? _saved;

    public ChunkBuffer Chunks { get; } = new(layers);

    public RollupAccumulator Rollups { get; } = new(layers);

    public StepRollupAccumulator StepRollups { get; } = new();

    public void Save()
    {
        _saved ??= new RunAccumulators(Chunks.Layers);
        _saved.CopyFrom(this);
    }

    /// <summary>Back to the last <see cref="Save"/>.</summary>
    public void Restore() => CopyFrom(_saved ?? throw new InvalidOperationException("Nothing was saved."));

    private void CopyFrom(RunAccumulators other)
    {
        Chunks.CopyFrom(other.Chunks);
        Rollups.CopyFrom(other.Rollups);
        StepRollups.CopyFrom(other.StepRollups);
    }
}
