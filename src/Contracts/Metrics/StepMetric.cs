namespace GradientService.Contracts.Metrics;

/// <summary>
/// A per-step scalar, by its stable ordinal (rollup rows and wire arrays are indexed by it; never renumbered or reused).
/// Names, labels and meanings are in <see cref="StepMetrics"/>.
/// </summary>
public enum StepMetric
{
    Loss = 0,
    TrainAccuracy = 1,
    TestLoss = 2,
    TestAccuracy = 3,
    LearningRate = 4,
    GradNormBefore = 5,
    GradNormAfter = 6,
    ClipScale = 7,
    PopulationLoss = 8,
    PopulationDiversity = 9,
    Evaluations = 10,
    Phase = 11,
}
