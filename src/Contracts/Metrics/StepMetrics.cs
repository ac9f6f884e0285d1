namespace GradientService.Contracts.Metrics;

/// <summary>
/// The per-step scalars: the one table the engine's record, the stored steps and rollups, the hub frames, the CSV export
/// and the Api's documentation follow. To add one: a value in <see cref="StepMetric"/> (the next free number), a row
/// here, <see cref="Count"/> + 1, its column in the store (a migration) and its probe in the engine.
/// </summary>
public static class StepMetrics
{
    public const int Count = 12;

    public static readonly MetricTable<StepMetric> Table = new(Count,
        new(StepMetric.Loss, "loss", "training loss", "The loss on this step's batch, before the update."),
        new(StepMetric.TrainAccuracy, "trainAccuracy", "training accuracy",
            "Share of this step's batch predicted right (classification only).", MetricTraits.Sparse),
        new(StepMetric.TestLoss, "testLoss", "test loss", "Loss on the held-out split; only on evaluation steps.", MetricTraits.Sparse),
        new(StepMetric.TestAccuracy, "testAccuracy", "test accuracy",
            "Accuracy on the held-out split; only on evaluation steps of a classification task.", MetricTraits.Sparse),
        new(StepMetric.LearningRate, "learningRate", "η", "The learning rate used for this step's update (after the schedule)."),
        new(StepMetric.GradNormBefore, "gradNormBefore", "‖g‖ before clipping", "‖g‖₂ over every parameter's gradient before clipping."),
        new(StepMetric.GradNormAfter, "gradNormAfter", "‖g‖ after clipping", "‖g‖₂ after clipping (equal to gradNormBefore when nothing was clipped)."),
        new(StepMetric.ClipScale, "clipScale", "clip scale",
            "The factor clipping applied: min(1, τ/‖g‖) for global-norm clipping, the after/before norm ratio otherwise; 1 when not clipped."),
        new(StepMetric.PopulationLoss, "populationLoss", "population mean loss",
            "Gradient-free methods (genetic, evolution-strategy): the mean loss of this generation's population on the step's batch; the step's loss is the best member's.",
            MetricTraits.Sparse),
        new(StepMetric.PopulationDiversity, "populationDiversity", "population diversity",
            "Gradient-free methods: the root-mean-square distance of the population's weight vectors from their mean, per weight.",
            MetricTraits.Sparse),
        new(StepMetric.Evaluations, "evaluations", "evaluations used",
            "Gradient-free methods: forward evaluations of a network on a batch used so far in the run (cumulative).",
            MetricTraits.Sparse),
        new(StepMetric.Phase, "phase", "training phase",
            "Greedy layer-wise pretraining: the hidden layer l being pretrained on this step (1 … depth), or 0 once the whole net is fine-tuned by backprop.",
            MetricTraits.Sparse));
}
