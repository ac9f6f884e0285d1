using GradientService.Core.Tensors;

namespace GradientService.Core.Losses;

/// <summary>
/// Binary cross-entropy on logits, ℓ = max(z, 0) − z·t + log(1 + e^−|z|) = −[t ln σ(z) + (1 − t) ln(1 − σ(z))], over the
/// B·C elements, divided by <c>B·C</c> (PyTorch's BCEWithLogitsLoss, <see cref="ReducedOverOutputs"/>) or by B alone
/// (summed over the outputs, averaged over the batch: Nielsen, ch. 3, eq. 63, the "bce-sum" loss); ∂L/∂z = (σ(z) − t)/divisor.
/// </summary>
public sealed class BceLoss<T>(bool reducedOverOutputs = true) : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True: mean over every element (PyTorch); false: sum over the outputs, mean over the batch (Nielsen).</summary>
    public bool ReducedOverOutputs { get; } = reducedOverOutputs;

    public override double Compute(MatrixView<T> logits, ReadOnlySpan<int> labels, ReadOnlySpan<T> targets, MatrixView<T>? gradient)
    {
        var count = ReducedOverOutputs ? (double)logits.Rows * logits.Cols : logits.Rows;
        var total = 0.0;
        for (var i = 0; i < logits.Rows; i++)
        {
            var z = logits.Row(i);
            var gi = gradient is { } g ? g.Row(i) : default;
            for (var j = 0; j < z.Length; j++)
            {
                var x = double.CreateTruncating(z[j]);
                var t = Target(labels, targets, i, j, logits.Cols);
                total += Math.Max(x, 0) - x * t + Math.Log(1 + Math.Exp(-Math.Abs(x)));
                if (!gi.IsEmpty) gi[j] = T.CreateTruncating((1 / (1 + Math.Exp(-x)) - t) / count);
            }
        }
        return total / count;
    }
}
