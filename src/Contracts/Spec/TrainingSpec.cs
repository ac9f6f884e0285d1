using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>The step loop: loss, batch, budget, evaluation, seed and precision.</summary>
public sealed record TrainingSpec
{
    [Description("cross-entropy for classes, mse for regression, bce for binary outputs.")]
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    [ShownWhen("training.loss", "cross-entropy")]
    [Description("softmax: a C-way linear read-out; hierarchical-softmax: a balanced binary tree over the C classes, one logistic unit per inner node, so a step's read-out costs O(log₂C) per example instead of O(C) (mlp and residual-mlp, cross-entropy on classes only; docs/hierarchical-softmax.md).")]
    public OutputLayer Output { get; init; } = OutputLayer.Softmax;

    [Range(1, Limits.MaxBatchSize)]
    [Description("Examples per step: larger batches give less noisy gradients.")]
    public int BatchSize { get; init; } = 32;

    [Range(1, Limits.MaxSteps)]
    [Description("Training steps; every one is recorded.")]
    public int Steps { get; init; } = 1000;

    /// <summary>Evaluate on the held-out split every this many steps (and at the last step); 0 = never.</summary>
    [Range(0, Limits.MaxSteps)]
    [Description("Evaluate on the held-out split every this many steps (0 = never).")]
    public int EvalEvery { get; init; } = 100;

    [Description("Same spec and seed → bitwise the same run.")]
    public ulong Seed { get; init; }

    [Description("float32 (fast) or float64 (exact small gradients: float32 flushes values below ~1e-38 to zero).")]
    public Precision Precision { get; init; } = Precision.Float32;

    /// <summary>Recurrent nets: record the time-lag profile every this many steps (0 = never).</summary>
    [ShownWhen(typeof(RecurrentSpec))]
    [Description("Recurrent nets: record the time-lag profile ‖∂L/∂h_t‖ every this many steps (0 = never).")]
    public int TimeLagEvery { get; init; } = 1;
}
