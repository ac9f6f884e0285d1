using GradientService.Contracts.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// A loss over a batch of predictions (PyTorch's definitions, mean reduction). <see cref="Compute"/> returns the
/// loss in float64 and writes ∂L/∂logits. Targets are class indices (labels) for classification,
/// one-hot encoded for mse and bce, or real values (targets, [rows, C]) for regression.
/// </summary>
public abstract class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Loss<T> Create(LossKind kind) => kind switch
    {
        LossKind.CrossEntropy => new CrossEntropyLoss<T>(),
        LossKind.Mse => new MseLoss<T>(),
        LossKind.Bce => new BceLoss<T>(),
        LossKind.BceSum => new BceLoss<T>(reducedOverOutputs: false),
        LossKind.Quadratic => new QuadraticLoss<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
    };

    /// <summary>L (mean) and, when <paramref name="gradient"/> is given, ∂L/∂logits.</summary>
    /// <param name="logits">[rows, C] read-out.</param>
    /// <param name="labels">Class index per row (classification), else empty.</param>
    /// <param name="targets">[rows, C] values (regression), else empty.</param>
    /// <param name="gradient">[rows, C] destination for ∂L/∂logits.</param>
    public abstract double Compute(MatrixView<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, MatrixView<T>? gradient);

    /// <summary>The target of element (i, j): one-hot from labels or the stored value.</summary>
    protected static double Target(ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, int i, int j, int classes) =>
        labels.IsEmpty ? double.CreateTruncating(targets[i * classes + j]) : labels[i] == j ? 1.0 : 0.0;

    /// <summary>
    /// Whether <see cref="CountCorrect"/> costs no more than the step itself, so every training step reports its batch's
    /// accuracy (a hierarchical softmax's exact arg-max costs O(C): only evaluations run it).
    /// </summary>
    public virtual bool CountsCorrectPerStep => true;

    /// <summary>Rows whose predicted class (the arg-max logit) is the label.</summary>
    public virtual int CountCorrect(MatrixView<T> logits, ReadOnlySpan<int> labels)
    {
        var correct = 0;
        for (var i = 0; i < logits.Rows; i++)
        {
            var row = logits.Row(i);
            var best = 0;
            for (var j = 1; j < row.Length; j++) if (row[j] > row[best]) best = j;
            if (best == labels[i]) correct++;
        }
        return correct;
    }
}
