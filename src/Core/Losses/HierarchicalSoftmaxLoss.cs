using GradientService.Core.Layers;
using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// Cross-entropy through a hierarchical-softmax read-out, in the manner of PyTorch's nn.AdaptiveLogSoftmaxWithLoss: the
/// loss is the head itself, fed the last hidden layer h [B, in] as its "logits" and the labels. With a gradient
/// destination (training) it writes ∂L/∂h there and the head's own parameter gradients (see <see cref="HierarchicalSoftmax{T}"/>).
/// </summary>
internal sealed class HierarchicalSoftmaxLoss<T>(HierarchicalSoftmax<T> head) : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override bool CountsCorrectPerStep => false;

    public override double Compute(MatrixView<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, MatrixView<T>? gradient) =>
        head.Loss(logits, labels, gradient);

    public override int CountCorrect(MatrixView<T> logits, ReadOnlySpan<int> labels) => head.CountCorrect(logits, labels);
}
