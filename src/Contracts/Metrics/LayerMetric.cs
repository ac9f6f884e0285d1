namespace GradientService.Contracts.Metrics;

/// <summary>
/// A per-layer probe, by its stable ordinal: stored chunks, rollup rows and wire arrays are indexed by it, so a value is
/// never renumbered or reused (a retired metric keeps its number). Names, labels and meanings are in <see cref="LayerMetrics"/>.
/// </summary>
public enum LayerMetric
{
    WeightGradNorm = 0,
    BiasGradNorm = 1,
    DeltaNorm = 2,
    WeightNorm = 3,
    UpdateRatio = 4,
    ActivationMean = 5,
    ActivationStd = 6,
    Saturation = 7,
    DeadFraction = 8,
    NonFiniteCount = 9,
    ReconstructionError = 10,
    OutputGradNorm = 11,
    BranchGradNorm = 12,
    SkipGradNorm = 13,
    AttentionEntropy = 14,
}
