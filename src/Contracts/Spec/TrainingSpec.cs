using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>The step loop: loss, batch, budget, evaluation, seed and precision.</summary>
public sealed record TrainingSpec
{
    [Description("backprop: gradient descent (the optimizer and clipping apply). genetic or evolution-strategy: gradient-free search by forward passes only (the search section applies; the optimizer and clipping do not).")]
    public TrainingMethod Method { get; init; } = TrainingMethod.Backprop;

    [Description("cross-entropy for classes (softmax), mse for regression, bce for binary outputs (mean over every output); the classic texts' conventions: bce-sum (sigmoid outputs, cross-entropy summed over the outputs, averaged over the batch) and quadratic (sigmoid outputs, ½‖y − a‖² averaged over the batch).")]
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    /// <summary>λ of the L2 penalty as the classic texts write it: C = C₀ + (λ/2n)Σw², over the weight matrices only, n = training examples.</summary>
    [Range(0, Limits.MaxL2)]
    [Description("L2 penalty λ as the texts write it (Nielsen, ch. 3, eq. 87): C = C₀ + (λ/2n)Σw² over the weights only (not biases or norm gains), n = the training examples (not the batch); the recorded training loss includes it. optimizer.weightDecay is PyTorch's convention instead (λ·w on every parameter, loss unchanged).")]
    public double L2 { get; init; }

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
