namespace GradientService.Api.Telemetry;

/// <summary>The telemetry writer's state of one run: its open chunk of every layer and its open rollup buckets.</summary>
public sealed class RunAccumulators(int layers)
{
    public ChunkBuffer Chunks { get; } = new(layers);

    public RollupAccumulator Rollups { get; } = new(layers);

    public StepRollupAccumulator StepRollups { get; } = new();
}
